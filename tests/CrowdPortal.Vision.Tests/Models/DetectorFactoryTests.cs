using CrowdPortal.Core;
using CrowdPortal.Vision.Models;
using CrowdPortal.Vision.Tests.Detectors;
using OpenCvSharp;

namespace CrowdPortal.Vision.Tests.Models;

public sealed class DetectorFactoryTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public static TheoryData<string, string[], string?> Catalogs => new()
    {
        { "empty catalog: HOG (null)", [], null },
        { "no nanodet: the first model", ["alpha", "beta"], "alpha" },
        { "only float nanodet (int8 not made yet): float", ["alpha", "nanodet", "zeta"], "nanodet" },
        { "int8 and float nanodet: int8 (half the CPU, as accurate)", ["alpha", "nanodet", "nanodet-int8"], "nanodet-int8" },
        { "only int8 nanodet: int8", ["alpha", "nanodet-int8"], "nanodet-int8" },
    };

    [Theory]
    [MemberData(nameof(Catalogs))]
    public void SelectDefault_PrefersInt8NanoDetThenNanoDetThenFirstModel(string label, string[] names, string? expected)
    {
        var models = names.Select(n => new ModelEntry(n, n + ".onnx", DefaultModels.Sidecar(DefaultModels.NanoDet))).ToList();

        ModelEntry? chosen = DetectorFactory.SelectDefault(models);

        Assert.True(expected == chosen?.Name, $"{label}: chose {chosen?.Name ?? "null"}");
    }

    [Fact]
    public void CreateDefault_EmptyFolder_FallsBackToHogWithWarning()
    {
        var logger = new RecordingLogger();

        using var detector = DetectorFactory.CreateDefault(_temp.Path, logger);

        Assert.Equal("hog", detector.Name);
        Assert.Contains(logger.Warnings, w => w.Contains("HOG") && w.Contains(_temp.Path));
    }

    /// <summary>
    /// A folder with a broken sidecar and a working SSD model: the broken one is warned about, the SSD one is built from its
    /// sidecar (custom output names, xyxy boxes, person class 1, NCHW input) and finds the one person its outputs hold.
    /// </summary>
    [Fact]
    public void CreateDefault_SkipsBrokenSidecarAndBuildsDetectorFromSidecar()
    {
        File.WriteAllText(_temp.File("broken.onnx"), "not a model");
        File.WriteAllText(_temp.File("broken.json"), "{}");
        ConstantOutputModel.Write(
            _temp.File("ssd.onnx"),
            "input",
            [1, 3, 100, 100],
            new ConstantOutputModel.Output("b", [1, 2, 4], [0.1f, 0.2f, 0.3f, 0.6f, 0.5f, 0.5f, 0.6f, 0.6f]),
            new ConstantOutputModel.Output("s", [1, 2], [0.8f, 0.9f]),
            new ConstantOutputModel.Output("c", [1, 2], [1f, 3f]));
        File.WriteAllText(_temp.File("ssd.json"), """
            { "format": "ssd", "inputWidth": 100, "inputHeight": 100, "personClass": 1, "scoreThreshold": 0.5, "nmsIou": 0.5,
              "inputLayout": "nchw", "boxOrder": "xyxy", "outputs": { "boxes": "b", "scores": "s", "classes": "c" } }
            """);
        var logger = new RecordingLogger();

        using var detector = DetectorFactory.CreateDefault(_temp.Path, logger);
        using var frame = new Mat(200, 400, MatType.CV_8UC3, Scalar.All(0));
        var found = new List<Detection>();
        detector.Detect(frame, found);

        Assert.Equal("ssd", detector.Name);
        Assert.Contains(logger.Warnings, w => w.Contains("broken.json"));
        DetectionAssert.Equal([new(40, 40, 120, 120, 0.8f, 0)], found, 1e-3f, "ssd from sidecar");
    }

    public void Dispose() => _temp.Dispose();
}
