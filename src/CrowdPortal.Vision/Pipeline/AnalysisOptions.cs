using CrowdPortal.Core.Analysis;

namespace CrowdPortal.Vision.Pipeline;

/// <summary>Settings of one <see cref="AnalysisPipeline"/> run.</summary>
public sealed record AnalysisOptions
{
    /// <summary>Analyse every Nth decoded frame (1 = every frame). Skipped frames are decoded but not detected.</summary>
    public int FrameStride { get; init; } = 1;

    /// <summary>
    /// At most this many frames read per second (null = as fast as they come). For a live source, which keeps only its
    /// newest frame, this caps how often a camera is analysed: the frame read when its time comes is the newest, the
    /// ones in between are dropped. For a file it only slows the run down.
    /// </summary>
    public double? MaxFramesPerSecond { get; init; }

    /// <summary>Stop after this many decoded frames (null = to the end of the source).</summary>
    public long? MaxFrames { get; init; }

    /// <summary>Decoded frames that may wait for the detector; the decoder blocks when the queue is full.</summary>
    public int QueueCapacity { get; init; } = 4;

    /// <summary>Counting rules: tracker, alert, heatmap settings and the sample interval.</summary>
    public CrowdCounterOptions Counter { get; init; } = new();

    /// <summary>How often progress is reported at most.</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for values the pipeline cannot run with.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(FrameStride, 1, nameof(FrameStride));
        ArgumentOutOfRangeException.ThrowIfLessThan(QueueCapacity, 1, nameof(QueueCapacity));
        if (MaxFramesPerSecond is double fps && !(fps > 0 && double.IsFinite(fps)))
        {
            throw new ArgumentOutOfRangeException(nameof(MaxFramesPerSecond), fps, "A frame rate cap must be a positive number.");
        }

        if (MaxFrames is long max)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(max, 1, nameof(MaxFrames));
        }
    }
}
