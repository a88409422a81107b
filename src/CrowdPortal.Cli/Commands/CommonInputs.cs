using CrowdPortal.Core.Zones;
using CrowdPortal.Vision.Sources;

namespace CrowdPortal.Cli.Commands;

/// <summary>Opening what several commands read (the video, the zones file), with one-line errors.</summary>
internal static class CommonInputs
{
    /// <summary>Option names every analysing command accepts.</summary>
    public static readonly string[] ModelOptions = ["model", "models-dir", "workers"];

    /// <summary>
    /// <c>--workers N</c>: frames detected at once, each by its own single-threaded session, still counted in frame
    /// order. Default: one per core, at most <see cref="MaxDefaultWorkers"/>. On the quiet 2-core reference machine two
    /// single-threaded sessions analysed vtest.avi in 6.1 s (10.7 CPU s) against 8.3 s (15.3 CPU s) for one session on
    /// both cores, with the same tracks frame for frame (README "Speed"). On a machine shared with other busy processes
    /// <c>--workers 1</c> can be faster.
    /// </summary>
    public static int Workers(ParsedArguments parsed) => parsed.PositiveInt("workers", DefaultWorkers)!.Value;

    /// <summary>More sessions than this add memory (one model copy each) for frames the single decoding thread cannot feed.</summary>
    public const int MaxDefaultWorkers = 4;

    public static int DefaultWorkers => Math.Clamp(Environment.ProcessorCount, 1, MaxDefaultWorkers);

    /// <summary>
    /// <c>--tiling off|auto|on</c> (default off): wraps the detector in a <see cref="Vision.Detectors.TiledDetector"/>
    /// that also detects on 2×2 overlapping tiles (auto: only for frames over twice the model's input); <c>--far-area
    /// x,y,w,h</c> (fractions) also detects that area of every frame as one more tile, scaled up to the model's input.
    /// </summary>
    public static Vision.Detectors.IPersonDetector WithTiling(ParsedArguments parsed, Vision.Detectors.IPersonDetector detector, string modelsDir)
    {
        string? option = parsed.Option("tiling");
        string? areaOption = parsed.Option("far-area");
        if (option is null && areaOption is null)
        {
            return detector;
        }

        var mode = Core.Analysis.TilingMode.Off;
        if (option is not null && !Core.Analysis.TilingModes.TryParse(option, out mode))
        {
            detector.Dispose();
            throw new UsageException($"--tiling must be one of: {string.Join(", ", Core.Analysis.TilingModes.Names)} (got '{option}')");
        }

        Core.Analysis.FarArea area = default;
        if (areaOption is not null && !Core.Analysis.FarArea.TryParse(areaOption, out area))
        {
            detector.Dispose();
            throw new UsageException($"--far-area must be x,y,w,h in fractions of the frame inside 0..1 (got '{areaOption}')");
        }

        string? model = parsed.Option("model");
        int? inputSide = Vision.Models.DetectorFactory.InputSideOf(modelsDir, string.IsNullOrWhiteSpace(model) ? null : model);
        return mode == Core.Analysis.TilingMode.Off && areaOption is null
            ? detector
            : new Vision.Detectors.TiledDetector(detector, mode, inputSide, areas: areaOption is null ? null : [area]);
    }

    /// <summary>The frames' size when the source knows it before the first frame (a video file), else null (a live stream).</summary>
    public static (int Width, int Height)? FrameSize(IFrameSource source) =>
        source.Info is { Width: > 0, Height: > 0 } info ? (info.Width, info.Height) : null;

    /// <summary>A video file, or a live stream when <paramref name="location"/> is an rtsp/http(s)/rtmp URL.</summary>
    public static IFrameSource OpenSource(string location)
    {
        try
        {
            return FrameSources.Open(location);
        }
        catch (VideoSourceException ex)
        {
            throw new CliException(ex.Message, ex);
        }
    }

    public static VideoFileSource OpenVideo(string path)
    {
        try
        {
            return new VideoFileSource(path);
        }
        catch (VideoSourceException ex)
        {
            throw new CliException(ex.Message, ex);
        }
    }

    /// <summary>Reads and validates a zones file; no file means no zones.</summary>
    public static ZoneSet LoadZones(string? path)
    {
        if (path is null)
        {
            return ZoneSet.Empty;
        }

        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CliException($"zones file not found: {path}", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot read zones file {path}: {ex.Message}", ex);
        }

        ZoneSetParseResult result = ZoneSetJson.Parse(json);
        if (!result.IsValid)
        {
            string more = result.Errors.Count > 1 ? $" (and {result.Errors.Count - 1} more)" : "";
            throw new CliException($"bad zones file {path}: {ModelResolver.OneLine(result.Errors[0].ToString())}{more}");
        }

        return result.ZoneSet;
    }
}
