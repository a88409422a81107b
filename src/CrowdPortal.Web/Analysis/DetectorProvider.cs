using CrowdPortal.Core.Analysis;
using CrowdPortal.Vision.Detectors;
using CrowdPortal.Vision.Models;
using CrowdPortal.Vision.Scheduling;
using Microsoft.Extensions.Options;

namespace CrowdPortal.Web.Analysis;

/// <summary>
/// The model catalog of the configured models folder, and detectors built from it: one per upload analysis (one session
/// using every core: for a single video that measured faster than a session per core), and for live cameras handles on
/// one shared pool per model (a single-threaded session per core) whose turns a <see cref="FairInferenceScheduler"/>
/// with one slot per core hands out fairly.
/// </summary>
public sealed class DetectorProvider(IOptions<AnalysisSettings> settings, IWebHostEnvironment environment, TimeProvider clock, ILogger<DetectorProvider> logger)
    : IDisposable
{
    public const string HogName = "hog";

    private readonly Dictionary<string, IPersonDetector> _shared = new(StringComparer.Ordinal);
    private bool _disposed;

    public string ModelsPath { get; } = Path.GetFullPath(settings.Value.ModelsPath, environment.ContentRootPath);

    /// <summary>The scheduler every camera's inference goes through: one slot per core.</summary>
    public FairInferenceScheduler CameraScheduler { get; } = new(Math.Max(1, Environment.ProcessorCount), clock);

    /// <summary>The models a user can pick, the default first; HOG when there is no ONNX model.</summary>
    public IReadOnlyList<ModelInfo> List()
    {
        var models = ModelCatalog.Scan(ModelsPath).Models;
        var chosen = DetectorFactory.SelectDefault(models);
        if (chosen is null)
        {
            return [new ModelInfo(HogName, "OpenCV HOG people detector (fallback)", HogName, true)];
        }

        return models.OrderByDescending(m => m == chosen)
            .Select(m => new ModelInfo(m.Name, m.DisplayName, m.Sidecar.Format, m == chosen))
            .ToList();
    }

    /// <summary>True when <paramref name="name"/> is a model of the catalog (or HOG).</summary>
    public bool Exists(string name) => List().Any(m => m.Name == name);

    /// <summary>
    /// Builds the named detector, or the default one when <paramref name="name"/> is null, for one analysis. A name not in
    /// the catalog (a model removed since it was chosen) throws <see cref="UnknownModelException"/>.
    /// </summary>
    public IPersonDetector Create(string? name, TilingMode tiling = TilingMode.Off) => WithTiling(Build(name, workers: 1), name, tiling);

    /// <summary>
    /// A live camera's detector: a handle on the model's pool shared by all cameras, each inference waiting for the
    /// camera's turn at <see cref="CameraScheduler"/>. Disposing the handle leaves the shared pool for the other cameras.
    /// </summary>
    public IPersonDetector CreateForCamera(string? name, long cameraId, TilingMode tiling = TilingMode.Off)
    {
        string key = name ?? string.Empty;
        lock (_shared)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_shared.TryGetValue(key, out IPersonDetector? pool))
            {
                _shared[key] = pool = Build(name, CameraScheduler.Slots);
            }

            // Each tile is one more turn at the scheduler, so a tiled camera cannot crowd the others out.
            return WithTiling(new ScheduledDetector(pool, CameraScheduler, "camera " + cameraId), name, tiling);
        }
    }

    public void Dispose()
    {
        lock (_shared)
        {
            _disposed = true;
            foreach (IPersonDetector pool in _shared.Values)
            {
                pool.Dispose();
            }

            _shared.Clear();
        }
    }

    /// <summary>The detector wrapped for tiling unless the setting is off (then no wrapper, not even a check per frame).</summary>
    private IPersonDetector WithTiling(IPersonDetector detector, string? name, TilingMode tiling) =>
        tiling == TilingMode.Off || name == HogName
            ? detector
            : new TiledDetector(detector, tiling, DetectorFactory.InputSideOf(ModelsPath, name), settings.Value.Tiling);

    private IPersonDetector Build(string? name, int workers)
    {
        if (name == HogName)
        {
            // HOG is no pool by itself: one per worker, so shared cameras never run one HOG on two threads.
            return workers <= 1
                ? DetectorFactory.CreateHog(logger, "chosen by the user")
                : new DetectorPool([.. Enumerable.Range(0, workers).Select(_ => DetectorFactory.CreateHog(logger, "chosen by the user"))]);
        }

        if (name is null)
        {
            return DetectorFactory.CreateDefault(ModelsPath, logger, workers);
        }

        var models = ModelCatalog.Scan(ModelsPath).Models;
        var entry = models.FirstOrDefault(m => m.Name == name)
            ?? throw new UnknownModelException(name, [.. List().Select(m => m.Name)]);
        return DetectorFactory.CreatePool(entry, logger, workers);
    }
}

/// <summary>A model as the API lists it.</summary>
public sealed record ModelInfo(string Name, string DisplayName, string Format, bool IsDefault);
