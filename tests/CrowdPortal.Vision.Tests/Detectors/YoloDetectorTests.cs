using CrowdPortal.Core;
using CrowdPortal.Vision.Detectors;
using OpenCvSharp;

namespace CrowdPortal.Vision.Tests.Detectors;

/// <summary>
/// YOLO decode through a real ONNX model with constant outputs: a 640x480 frame letterboxed into 320x320 (scale 0.5, 40 px
/// grey bars above and below), so a box at input (x, y) is at frame (2x, 2(y − 40)).
/// </summary>
public sealed class YoloDetectorTests : IDisposable
{
    private const int InputSize = 320;
    private static readonly DetectorThresholds Thresholds = new(PersonClass: 0, ScoreThreshold: 0.25f, NmsIou: 0.45f);

    // Boxes in frame pixels, scores for (person, car), and the objectness a v5 export would give.
    private static readonly (float X1, float Y1, float X2, float Y2, float Person, float Car, float Objectness)[] Anchors =
    [
        (100, 100, 200, 300, 0.9f, 0.1f, 1.0f), // a person
        (104, 100, 204, 300, 0.8f, 0.1f, 1.0f), // the same person again, weaker: NMS drops it
        (400, 200, 500, 400, 0.6f, 0.7f, 1.0f), // more car than person: not a person
        (300, 50, 340, 130, 0.2f, 0.0f, 1.0f),  // below the score threshold
        (500, 300, 600, 460, 0.5f, 0.1f, 1.0f), // a second person
        (0, 0, 0, 0, 0f, 0f, 0f), (0, 0, 0, 0, 0f, 0f, 0f), (0, 0, 0, 0, 0f, 0f, 0f), // padding rows, as real exports have many
    ];

    private static readonly Detection[] ExpectedPeople = [new(100, 100, 200, 300, 0.9f, 0), new(500, 300, 600, 460, 0.5f, 0)];

    private readonly TempFolder _temp = new();

    public static TheoryData<string, bool> Layouts => new()
    {
        { "v8/v11 [1,4+C,N]", true },
        { "v5 [1,N,5+C] with objectness", false },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Detect_ThresholdsNmsAndMapsLetterboxBack(string label, bool attributesFirst)
    {
        string model = WriteModel(attributesFirst, Anchors);
        using var detector = new YoloDetector("yolo-test", model, InputSize, InputSize, Thresholds);
        using var frame = new Mat(480, 640, MatType.CV_8UC3, Scalar.All(0));
        var found = new List<Detection>();

        detector.Detect(frame, found);

        Assert.Equal(attributesFirst, detector.AttributesFirst);
        DetectionAssert.Equal(ExpectedPeople, found, 1e-3f, label);
    }

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Detect_NoAnchorAboveThreshold_FindsNobody(string label, bool attributesFirst)
    {
        var empty = new (float, float, float, float, float, float, float)[8];
        string model = WriteModel(attributesFirst, empty);
        using var detector = new YoloDetector("yolo-test", model, InputSize, InputSize, Thresholds);
        using var frame = new Mat(480, 640, MatType.CV_8UC3, Scalar.All(0));
        var found = new List<Detection> { new(1, 1, 2, 2, 1, 0) };

        detector.Detect(frame, found);

        Assert.True(found.Count == 0, label);
    }

    [Fact]
    public void Detect_EmptyFrame_FindsNobody()
    {
        string model = WriteModel(true, Anchors);
        using var detector = new YoloDetector("yolo-test", model, InputSize, InputSize, Thresholds);
        using var empty = new Mat();
        var found = new List<Detection> { new(1, 1, 2, 2, 1, 0) };

        detector.Detect(empty, found);

        Assert.Empty(found);
    }

    [Theory]
    [InlineData("v8 COCO", new[] { 1, 84, 8400 }, true, 8400, 80)]
    [InlineData("v5 COCO", new[] { 1, 25200, 85 }, false, 25200, 80)]
    [InlineData("v8 one class", new[] { 1, 5, 2100 }, true, 2100, 1)]
    public void ReadLayout_TellsLayoutsApartByShape(string label, int[] shape, bool attributesFirst, int anchors, int classes)
    {
        var layout = YoloDetector.ReadLayout("m.onnx", shape, null);

        Assert.True(layout == (attributesFirst, anchors, classes), $"{label}: {layout}");
    }

    [Fact]
    public void ReadLayout_ShapeNotMatchingLabels_FailsNamingTheShape()
    {
        var e = Assert.Throws<InvalidDataException>(() => YoloDetector.ReadLayout("m.onnx", [1, 84, 8400], 3));

        Assert.Contains("[1,84,8400]", e.Message);
    }

    private string WriteModel(bool attributesFirst, (float X1, float Y1, float X2, float Y2, float Person, float Car, float Objectness)[] anchors)
    {
        int n = anchors.Length;
        int attributes = attributesFirst ? 6 : 7;
        var values = new float[attributes * n];
        for (int j = 0; j < n; j++)
        {
            var a = anchors[j];

            // Frame -> input: scale 0.5, then 40 px down for the letterbox bar.
            float cx = (a.X1 + a.X2) / 4, cy = (a.Y1 + a.Y2) / 4 + 40, w = (a.X2 - a.X1) / 2, h = (a.Y2 - a.Y1) / 2;
            float[] row = attributesFirst ? [cx, cy, w, h, a.Person, a.Car] : [cx, cy, w, h, a.Objectness, a.Person, a.Car];
            for (int k = 0; k < attributes; k++)
            {
                values[attributesFirst ? k * n + j : j * attributes + k] = row[k];
            }
        }

        long[] shape = attributesFirst ? [1, attributes, n] : [1, n, attributes];
        return ConstantOutputModel.Write(
            _temp.File(attributesFirst ? "yolov8.onnx" : "yolov5.onnx"), "images", [1, 3, InputSize, InputSize], new ConstantOutputModel.Output("output0", shape, values));
    }

    public void Dispose() => _temp.Dispose();
}
