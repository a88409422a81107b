using CrowdPortal.Core.Analysis;
using OpenCvSharp;

namespace CrowdPortal.Vision.Pipeline;

/// <summary>
/// One analysed frame, handed to every <see cref="IAnalysisSink.OnFrame"/>. The pipeline reuses this object, its
/// <see cref="Result"/> and its <see cref="Image"/> for the next frame: read them during the call, copy what you keep.
/// </summary>
public sealed class FrameAnalysis
{
    /// <summary>0-based index of the decoded frame in its source.</summary>
    public long Index { get; internal set; }

    /// <summary>The frame's time in seconds (video time for files).</summary>
    public double TimeSeconds { get; internal set; }

    /// <summary>The BGR frame the detector saw.</summary>
    public Mat Image { get; internal set; } = null!;

    /// <summary>
    /// The counting result: <see cref="CrowdFrameResult.People"/> (persons after masks), detections, confirmed tracks,
    /// per-zone status (one per polygon/line zone, in zone order), and samples and alert events completed by this frame.
    /// </summary>
    public CrowdFrameResult Result { get; } = new();
}
