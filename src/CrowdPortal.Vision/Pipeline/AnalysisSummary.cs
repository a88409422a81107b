using CrowdPortal.Core.Heatmaps;

namespace CrowdPortal.Vision.Pipeline;

/// <summary>The outcome of a finished analysis.</summary>
/// <param name="FramesDecoded">Frames read from the source.</param>
/// <param name="FramesAnalysed">Frames that went through the detector (fewer than decoded with a stride).</param>
/// <param name="VideoSeconds">Time of the last frame read, in seconds (0 when none was).</param>
/// <param name="Elapsed">Wall-clock duration of the run.</param>
/// <param name="Timings">Median time per stage.</param>
/// <param name="Heatmap">Where people stood over the whole run; null when no frame was analysed.</param>
public sealed record AnalysisSummary(
    long FramesDecoded,
    long FramesAnalysed,
    double VideoSeconds,
    TimeSpan Elapsed,
    StageTimingSummary Timings,
    HeatmapAccumulator? Heatmap)
{
    /// <summary>Decoded frames per wall-clock second.</summary>
    public double FramesPerSecond => Elapsed.TotalSeconds > 0 ? FramesDecoded / Elapsed.TotalSeconds : 0;

    /// <summary>Seconds of video processed per wall-clock second (above 1 = faster than real time).</summary>
    public double TimesRealTime => Elapsed.TotalSeconds > 0 ? VideoSeconds / Elapsed.TotalSeconds : 0;
}
