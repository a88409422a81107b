using CrowdPortal.Core;
using CrowdPortal.Vision.Detectors;
using CrowdPortal.Vision.Imaging;
using OpenCvSharp;

namespace CrowdPortal.Vision.Tests.Detectors;

/// <summary>
/// SSD decode through real ONNX models with constant outputs: a 600x300 frame stretched into 300x300 (x halved), boxes
/// normalised to the input, so a normalised x maps to frame x × 600 and y to y × 300.
/// </summary>
public sealed class SsdDetectorTests : IDisposable
{
    private static readonly DetectorThresholds Thresholds = new(PersonClass: 1, ScoreThreshold: 0.3f, NmsIou: 0.5f);
    private static readonly InputSpec Input = new(300, 300, TensorLayout.Nhwc, ChannelOrder.Rgb, ResizeMode.Stretch, InputSpec.ZeroMean, InputSpec.Identity);
    private readonly TempFolder _temp = new();

    [Fact]
    public void Detect_YxyxBoxesWithClassesAndCount_KeepsPeopleWithinCount()
    {
        // Rows: a person; a class-2 object; a faint person; a person beyond num_detections (must be ignored).
        float[] boxes = [0.1f, 0.2f, 0.5f, 0.4f, 0.1f, 0.1f, 0.9f, 0.9f, 0.5f, 0.5f, 0.9f, 0.9f, 0.6f, 0.6f, 0.8f, 0.8f];
        string model = ConstantOutputModel.Write(
            _temp.File("ssd.onnx"),
            "image_tensor",
            [1, 300, 300, 3],
            new("detection_boxes", [1, 4, 4], boxes),
            new("detection_scores", [1, 4], [0.9f, 0.95f, 0.1f, 0.8f]),
            new("detection_classes", [1, 4], [1f, 2f, 1f, 1f]),
            new("num_detections", [1], [3f]));
        using var detector = new SsdDetector("ssd-test", model, Input, Thresholds, BoxOrder.Yxyx, new SsdOutputNames());

        var found = Run(detector);

        DetectionAssert.Equal([new(120, 30, 240, 150, 0.9f, 0)], found, 1e-3f, "yxyx + classes + count");
    }

    [Fact]
    public void Detect_XyxyBoxesWithPerClassScores_UsesPersonColumn()
    {
        // Two overlapping people (NMS keeps the stronger) and one box whose person column is low.
        float[] boxes = [0.2f, 0.1f, 0.4f, 0.5f, 0.21f, 0.1f, 0.41f, 0.5f, 0.5f, 0.5f, 0.9f, 0.9f];
        float[] scores = [0.0f, 0.7f, 0.1f, 0.0f, 0.6f, 0.1f, 0.0f, 0.2f, 0.9f];
        string model = ConstantOutputModel.Write(
            _temp.File("ssd-per-class.onnx"),
            "input",
            [1, 300, 300, 3],
            new("boxes", [1, 3, 4], boxes),
            new("scores", [1, 3, 3], scores));
        var names = new SsdOutputNames("boxes", "scores", null, null);
        using var detector = new SsdDetector("ssd-test", model, Input, Thresholds, BoxOrder.Xyxy, names);

        var found = Run(detector);

        DetectionAssert.Equal([new(120, 30, 240, 150, 0.7f, 0)], found, 1e-3f, "xyxy + per-class scores");
    }

    [Fact]
    public void Detect_ZeroDetections_FindsNobody()
    {
        string model = ConstantOutputModel.Write(
            _temp.File("ssd-empty.onnx"),
            "image_tensor",
            [1, 300, 300, 3],
            new("detection_boxes", [1, 1, 4], [0.1f, 0.1f, 0.5f, 0.5f]),
            new("detection_scores", [1, 1], [0.9f]),
            new("detection_classes", [1, 1], [1f]),
            new("num_detections", [1], [0f]));
        using var detector = new SsdDetector("ssd-test", model, Input, Thresholds, BoxOrder.Yxyx, new SsdOutputNames());

        Assert.Empty(Run(detector));
    }

    [Fact]
    public void Create_MissingOutputName_FailsNamingIt()
    {
        string model = ConstantOutputModel.Write(
            _temp.File("ssd-odd.onnx"), "input", [1, 300, 300, 3], new("boxes", [1, 1, 4], [0, 0, 1, 1]), new("scores", [1, 1, 2], [0, 1]));

        var e = Assert.Throws<InvalidDataException>(() => new SsdDetector("ssd-test", model, Input, Thresholds, BoxOrder.Yxyx, new SsdOutputNames()));

        Assert.Contains("detection_boxes", e.Message);
    }

    private static List<Detection> Run(SsdDetector detector)
    {
        using var frame = new Mat(300, 600, MatType.CV_8UC3, Scalar.All(0));
        var found = new List<Detection>();
        detector.Detect(frame, found);
        return found;
    }

    public void Dispose() => _temp.Dispose();
}
