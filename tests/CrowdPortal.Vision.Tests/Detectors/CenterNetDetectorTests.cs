using CrowdPortal.Core;
using CrowdPortal.Vision.Detectors;
using CrowdPortal.Vision.Imaging;
using CrowdPortal.Vision.Models;
using CrowdPortal.Vision.Tests.Models;
using OpenCvSharp;

namespace CrowdPortal.Vision.Tests.Detectors;

public sealed class CenterNetDetectorTests : IDisposable
{
    private readonly TempFolder _temp = new();

    /// <summary>
    /// Decode through a constant [1,4,6] output: rows are x1,y1,x2,y2 (512-px input), score, class; a 1024x512 frame is
    /// stretched (x halved... and y unchanged), so frame x = 2 × input x.
    /// </summary>
    [Fact]
    public void Detect_KeepsConfidentPersonRowsAndMapsThemBack()
    {
        float[] rows =
        [
            10, 20, 60, 220, 0.9f, 0,   // person
            300, 40, 340, 200, 0.8f, 2, // a car
            100, 100, 150, 300, 0.2f, 0, // a faint person
            0, 0, 0, 0, 0f, 0,           // padding row, as the real model pads to 100
        ];
        string model = ConstantOutputModel.Write(
            _temp.File("centernet.onnx"), "tower_0/images", [1, 512, 512, 3], new ConstantOutputModel.Output("tower_0/detections", [1, 4, 6], rows));
        using var detector = new CenterNetDetector("centernet", model, 512, 512, ResizeMode.Stretch, new DetectorThresholds(0, 0.3f, 0.5f));
        using var frame = new Mat(512, 1024, MatType.CV_8UC3, Scalar.All(0));
        var found = new List<Detection>();

        detector.Detect(frame, found);

        DetectionAssert.Equal([new(20, 20, 120, 220, 0.9f, 0)], found, 1e-3f, "one confident person");
    }

    /// <summary>The imported CenterNet with its default sidecar counts frame 120 (seven people) within two.</summary>
    [Fact]
    public void Detect_ImportedModelOnVtestFrame_CountsAboutTheHandCount()
    {
        using var detector = DetectorFactory.Create(ImportedModels.Entry(DefaultModels.CenterNet), new RecordingLogger());
        using var image = SampleVideoFrames.Read(120)[0];
        var found = new List<Detection>();

        detector.Detect(image, found);

        Assert.InRange(found.Count, 5, 9);
    }

    public void Dispose() => _temp.Dispose();
}
