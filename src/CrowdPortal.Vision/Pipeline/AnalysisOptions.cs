using CrowdPortal.Core.Analysis;

namespace CrowdPortal.Vision.Pipeline;

/// <summary>Settings of one <see cref="AnalysisPipeline"/> run.</summary>
public sealed record AnalysisOptions
{
    /// <summary>Analyse every Nth decoded frame (1 = every frame). Skipped frames are decoded but not detected.</summary>
    public int FrameStride { get; init; } = 1;

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
        if (MaxFrames is long max)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(max, 1, nameof(MaxFrames));
        }
    }
}
