using CrowdPortal.Vision.Detectors;
using CrowdPortal.Vision.Imaging;
using Microsoft.Extensions.Logging;

namespace CrowdPortal.Vision.Models;

/// <summary>Builds the detector a catalog entry describes, or the default one for a models folder.</summary>
public static class DetectorFactory
{
    /// <summary>Builds the detector for <paramref name="entry"/>; the ONNX session is created here, once.</summary>
    /// <param name="entry">The model.</param>
    /// <param name="logger">Told which model runs how.</param>
    /// <param name="intraOpThreads">Threads one inference uses; 0 = one per core.</param>
    /// <param name="frameSize">The frames' size when known before the first frame (a video file): a model fitted to the
    /// frames' aspect then builds its session for that size only.</param>
    public static IPersonDetector Create(ModelEntry entry, ILogger logger, int intraOpThreads = 0, (int Width, int Height)? frameSize = null)
    {
        ModelSidecar s = entry.Sidecar;
        var thresholds = new DetectorThresholds(s.PersonClass, s.ScoreThreshold, s.NmsIou, s.ConfidentThreshold ?? 0f);
        ResizeMode resize = s.Resize == "letterbox" ? ResizeMode.Letterbox : ResizeMode.Stretch;
        IPersonDetector detector = s.Format switch
        {
            ModelFormats.NanoDet when s.FitAspect => new AspectFitDetector(
                Math.Max(s.InputWidth, s.InputHeight),
                (width, height) => new NanoDetDetector(entry.Name, entry.OnnxPath, width, height, resize, thresholds, s.Labels?.Count ?? 80, intraOpThreads),
                frameSize),
            ModelFormats.NanoDet => new NanoDetDetector(entry.Name, entry.OnnxPath, s.InputWidth, s.InputHeight, resize, thresholds, s.Labels?.Count ?? 80, intraOpThreads),
            ModelFormats.CenterNet => new CenterNetDetector(entry.Name, entry.OnnxPath, s.InputWidth, s.InputHeight, resize, thresholds, intraOpThreads),
            ModelFormats.Yolo => new YoloDetector(entry.Name, entry.OnnxPath, s.InputWidth, s.InputHeight, thresholds, s.Labels?.Count, intraOpThreads),
            ModelFormats.Ssd => CreateSsd(entry, thresholds, resize, intraOpThreads),
            _ => throw new InvalidDataException($"{entry.Name}: unknown model format '{s.Format}'."),
        };
        logger.LogInformation("Person detector {Model} ({Format}{Precision}, {Width}x{Height}{Fit}, score >= {Threshold})", entry.Name, s.Format,
            s.Precision is null ? string.Empty : " " + s.Precision, s.InputWidth, s.InputHeight, s.FitAspect ? " fitted to the frames' aspect" : string.Empty, s.ScoreThreshold);
        return detector;
    }

    /// <summary>
    /// <paramref name="workers"/> detectors of <paramref name="entry"/>, each with a single-threaded session, behind one
    /// thread-safe <see cref="DetectorPool"/>: a pipeline runs that many frames at once (one per core) instead of one
    /// frame on all cores, which costs the thread hand-offs inside every op. HOG and one-worker pools are plain detectors.
    /// </summary>
    /// <param name="entry">The model.</param>
    /// <param name="logger">Told which model runs how.</param>
    /// <param name="workers">Sessions in the pool; 1 = one session on all cores.</param>
    /// <param name="frameSize">The frames' size when known (see <see cref="Create"/>).</param>
    public static IPersonDetector CreatePool(ModelEntry entry, ILogger logger, int workers, (int Width, int Height)? frameSize = null)
    {
        if (workers <= 1)
        {
            return Create(entry, logger, frameSize: frameSize);
        }

        var detectors = new List<IPersonDetector>(workers);
        try
        {
            for (int i = 0; i < workers; i++)
            {
                detectors.Add(Create(entry, i == 0 ? logger : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, intraOpThreads: 1, frameSize));
            }

            return new DetectorPool(detectors);
        }
        catch
        {
            detectors.ForEach(d => d.Dispose());
            throw;
        }
    }

    /// <summary>
    /// The default detector for a models folder: <see cref="DefaultModels.PreferredModel"/> if present, else
    /// <see cref="DefaultModels.FallbackModel"/>, else the first model of the catalog, else OpenCV's HOG people detector (with a warning). Skipped sidecars are logged as warnings.
    /// </summary>
    /// <param name="modelsDir">The models folder.</param>
    /// <param name="logger">Told about skipped sidecars and the chosen model.</param>
    /// <param name="workers">Frames detected at once (see <see cref="CreatePool"/>); 1 = one session on all cores.</param>
    /// <param name="frameSize">The frames' size when known (see <see cref="Create"/>).</param>
    public static IPersonDetector CreateDefault(string modelsDir, ILogger logger, int workers = 1, (int Width, int Height)? frameSize = null)
    {
        ModelCatalogScan scan = ModelCatalog.Scan(modelsDir);
        foreach (string problem in scan.Problems)
        {
            logger.LogWarning("Model catalog: {Problem}", problem);
        }

        ModelEntry? chosen = SelectDefault(scan.Models);
        return chosen is null ? CreateHog(logger, $"no usable ONNX model in {modelsDir}") : CreatePool(chosen, logger, workers, frameSize);
    }

    /// <summary>
    /// The entry <see cref="CreateDefault"/> would use: <see cref="DefaultModels.PreferredModel"/>, else
    /// <see cref="DefaultModels.FallbackModel"/>, else the first; null when the catalog is empty (HOG).
    /// </summary>
    public static ModelEntry? SelectDefault(IReadOnlyList<ModelEntry> models) =>
        models.FirstOrDefault(m => m.Name == DefaultModels.PreferredModel)
        ?? models.FirstOrDefault(m => m.Name == DefaultModels.FallbackModel)
        ?? (models.Count > 0 ? models[0] : null);

    /// <summary>
    /// The long side of the input of the model <paramref name="name"/> of a models folder (null = the default model), for
    /// deciding whether frames need tiling; null for HOG or a name not in the catalog.
    /// </summary>
    public static int? InputSideOf(string modelsDir, string? name)
    {
        var models = ModelCatalog.Scan(modelsDir).Models;
        ModelEntry? entry = name is null ? SelectDefault(models) : models.FirstOrDefault(m => m.Name == name);
        return entry is null ? null : Math.Max(entry.Sidecar.InputWidth, entry.Sidecar.InputHeight);
    }

    /// <summary>OpenCV's HOG people detector, logging a warning that it is a fallback and why.</summary>
    public static IPersonDetector CreateHog(ILogger logger, string reason)
    {
        logger.LogWarning("Falling back to OpenCV's HOG people detector ({Reason}): slower and less accurate than the ONNX models; run `crowdportal import-model` or drop a model into models/.", reason);
        return new HogPersonDetector();
    }

    private static SsdDetector CreateSsd(ModelEntry entry, DetectorThresholds thresholds, ResizeMode resize, int intraOpThreads)
    {
        ModelSidecar s = entry.Sidecar;
        var input = new InputSpec(
            s.InputWidth,
            s.InputHeight,
            s.InputLayout == "nchw" ? TensorLayout.Nchw : TensorLayout.Nhwc,
            s.ChannelOrder == "bgr" ? ChannelOrder.Bgr : ChannelOrder.Rgb,
            resize,
            s.Mean ?? InputSpec.ZeroMean,
            s.Std ?? InputSpec.Identity);
        var defaults = new SsdOutputNames();
        var names = new SsdOutputNames(
            s.Outputs?.Boxes ?? defaults.Boxes,
            s.Outputs?.Scores ?? defaults.Scores,
            s.Outputs is null ? defaults.Classes : s.Outputs.Classes,
            s.Outputs is null ? defaults.Count : s.Outputs.Count);
        BoxOrder order = s.BoxOrder == "xyxy" ? BoxOrder.Xyxy : BoxOrder.Yxyx;
        return new SsdDetector(entry.Name, entry.OnnxPath, input, thresholds, order, names, intraOpThreads);
    }
}
