using CrowdPortal.Core.Analysis;
using CrowdPortal.Vision.Detectors;
using CrowdPortal.Vision.Models;
using CrowdPortal.Vision.Scheduling;
using Microsoft.Extensions.Options;

namespace CrowdPortal.Web.Analysis;

/// <summary>
/// The model catalog of the configured models folder, and detectors built from it: for upload analyses and live cameras
/// alike, handles on one shared pool per model (a single-threaded session per core) whose turns a
/// <see cref="FairInferenceScheduler"/> with one slot per core hands out fairly. An upload alone on the machine then runs
/// a frame per core, the arrangement the CLI measured fastest (vtest.avi in 6.2 s against 8.4 s for one session on all
/// cores); an upload next to live cameras takes turns with them on the same sessions instead of adding threads of its
/// own (a session per core for the upload besides the cameras' would put twice as many busy threads as cores), and no
/// upload pays for building sessions.
/// </summary>
public sealed class DetectorProvider(IOptions<AnalysisSettings> settings, IWebHostEnvironment environment, TimeProvider clock, ILogger<DetectorProvider> logger)
    : IDisposable
{
    public const string HogName = "hog";

    private readonly Dictionary<string, IPersonDetector> _shared = new(StringComparer.Ordinal);
    private bool _disposed;

    public string ModelsPath { get; } = Path.GetFullPath(settings.Value.ModelsPath, environment.ContentRootPath);

    /// <summary>The scheduler every inference of the cameras and the uploads goes through: one slot per core.</summary>
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
    /// An upload analysis' detector for the named model, or the default one when <paramref name="name"/> is null: a handle
    /// on the model's shared pool, each inference waiting for a turn of <paramref name="client"/> at
    /// <see cref="CameraScheduler"/>. A name not in the catalog (a model removed since it was chosen) throws
    /// <see cref="UnknownModelException"/>. <paramref name="farArea"/>, when set, is detected as one more tile.
    /// </summary>
    public IPersonDetector Create(string? name, string client = "upload", TilingMode tiling = TilingMode.Off, FarArea? farArea = null) =>
        WithTiling(Scheduled(name, client), name, tiling, farArea);

    /// <summary>
    /// A live camera's detector: a handle on the model's pool shared by all cameras and uploads, each inference waiting
    /// for the camera's turn at <see cref="CameraScheduler"/>. Disposing the handle leaves the shared pool for the others.
    /// Each tile is one more turn at the scheduler, so a tiled camera cannot crowd the others out.
    /// </summary>
    public IPersonDetector CreateForCamera(string? name, long cameraId, TilingMode tiling = TilingMode.Off, FarArea? farArea = null) =>
        WithTiling(Scheduled(name, "camera " + cameraId), name, tiling, farArea);

    private ScheduledDetector Scheduled(string? name, string client)
    {
        if (name is not null && name != HogName && !Exists(name))
        {
            throw new UnknownModelException(name, [.. List().Select(m => m.Name)]);
        }

        string key = name ?? string.Empty;
        lock (_shared)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (!_shared.TryGetValue(key, out IPersonDetector? pool))
            {
                _shared[key] = pool = Build(name, CameraScheduler.Slots);
            }

            return new ScheduledDetector(pool, CameraScheduler, client);
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

    /// <summary>
    /// The detector wrapped for tiling and the far area (one more tile on every frame, whatever the mode) unless tiling
    /// is off and there is no far area: then no wrapper, not even a check per frame. HOG is never wrapped.
    /// </summary>
    private IPersonDetector WithTiling(IPersonDetector detector, string? name, TilingMode tiling, FarArea? farArea) =>
        (tiling == TilingMode.Off && farArea is null) || name == HogName
            ? detector
            : new TiledDetector(detector, tiling, DetectorFactory.InputSideOf(ModelsPath, name), settings.Value.Tiling,
                farArea is FarArea a ? [a] : null);

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
