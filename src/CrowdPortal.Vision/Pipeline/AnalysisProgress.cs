namespace CrowdPortal.Vision.Pipeline;

/// <summary>How far an analysis is.</summary>
/// <param name="FramesDecoded">Frames read from the source so far (analysed or skipped by the stride).</param>
/// <param name="TotalFrames">Frames the run will read, when known (file length or the frame limit).</param>
/// <param name="FramesPerSecond">Decoded frames per second of wall-clock time since the start.</param>
/// <param name="Elapsed">Wall-clock time since the start.</param>
public readonly record struct AnalysisProgress(long FramesDecoded, long? TotalFrames, double FramesPerSecond, TimeSpan Elapsed)
{
    /// <summary>0..1 when the total is known, else null.</summary>
    public double? Fraction => TotalFrames is long total && total > 0 ? Math.Clamp((double)FramesDecoded / total, 0, 1) : null;

    /// <summary>Estimated time left at the current rate, when the total is known.</summary>
    public TimeSpan? Remaining => TotalFrames is long total && FramesPerSecond > 0
        ? TimeSpan.FromSeconds(Math.Max(0, total - FramesDecoded) / FramesPerSecond)
        : null;
}
