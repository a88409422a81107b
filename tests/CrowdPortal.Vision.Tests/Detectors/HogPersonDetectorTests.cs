using CrowdPortal.Core;
using CrowdPortal.Vision.Detectors;

namespace CrowdPortal.Vision.Tests.Detectors;

public class HogPersonDetectorTests
{
    /// <summary>Frame 40 of vtest.avi shows six people walking on the crossing (eval/vtest-truth.csv).</summary>
    [Fact]
    public void Detect_VtestFrameWithSixPeople_FindsSeveralPeopleInsideTheFrame()
    {
        using var frame = SampleVideoFrames.Read(40)[0];
        using var detector = new HogPersonDetector();
        var found = new List<Detection>();

        detector.Detect(frame, found);

        Assert.InRange(found.Count, 2, 10);
        Assert.All(found, d =>
        {
            Assert.InRange(d.X1, 0, d.X2);
            Assert.InRange(d.Y1, 0, d.Y2);
            Assert.InRange(d.X2, d.X1, frame.Width);
            Assert.InRange(d.Y2, d.Y1, frame.Height);
            Assert.InRange(d.Confidence, 0f, 1f);
            Assert.Equal(Detection.PersonClass, d.ClassId);
        });
    }

    [Fact]
    public void Detect_EmptyGreyFrame_FindsNobody()
    {
        using var frame = new OpenCvSharp.Mat(576, 768, OpenCvSharp.MatType.CV_8UC3, OpenCvSharp.Scalar.All(128));
        using var detector = new HogPersonDetector();
        var found = new List<Detection> { new(0, 0, 1, 1, 1, 0) };

        detector.Detect(frame, found);

        Assert.Empty(found);
    }
}
