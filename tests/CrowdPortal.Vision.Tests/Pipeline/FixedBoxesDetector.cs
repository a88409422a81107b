using CrowdPortal.Core;
using CrowdPortal.Vision.Detectors;
using CrowdPortal.Vision.Pipeline;
using OpenCvSharp;

namespace CrowdPortal.Vision.Tests.Pipeline;

/// <summary>
/// A detector that reports the same boxes in every frame, so pipeline tests know exactly what must be counted; it
/// also reports fixed stage times, like a detector that times itself.
/// </summary>
internal sealed class FixedBoxesDetector(params Detection[] boxes) : IPersonDetector, IStageTimedDetector
{
    public int Calls { get; private set; }

    public List<Size> FrameSizes { get; } = [];

    public string Name => "fixed";

    public float ConfidentScore => 0f;

    public DetectorStageTimes LastStageTimes => new(1, 2, 3);

    public void Detect(Mat bgrFrame, List<Detection> output)
    {
        Calls++;
        FrameSizes.Add(bgrFrame.Size());
        output.Clear();
        output.AddRange(boxes);
    }

    public void Dispose()
    {
    }
}
