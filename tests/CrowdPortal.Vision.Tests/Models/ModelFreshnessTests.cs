using CrowdPortal.Vision.Models;
using CrowdPortal.Vision.Tests.Detectors;

namespace CrowdPortal.Vision.Tests.Models;

/// <summary>
/// Which default models in a folder this importer did not write (<see cref="DefaultModels.StaleReason"/>): what setup.sh
/// imports again and what the test fixtures refuse to run on. The check reads sidecars and file times only, so the
/// model files here are stand-ins.
/// </summary>
public sealed class ModelFreshnessTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public static TheoryData<string, string?> Folders => new()
    {
        { "as the importer writes it", null },
        { "model file missing", "nanodet.onnx is missing" },
        { "sidecar missing", "nanodet.json is missing" },
        { "sidecar of an importer without versions", "importer version 1" },
        { "sidecar of another importer version", $"importer version {DefaultModels.ImporterVersion + 1}" },
        { "a threshold changed since", "differs" },
        { "unreadable sidecar", "unreadable" },
    };

    [Theory]
    [MemberData(nameof(Folders))]
    public void StaleReason_NanoDet(string change, string? expected)
    {
        WriteCurrent(DefaultModels.NanoDet);
        ModelSidecar current = DefaultModels.Sidecar(DefaultModels.NanoDet);
        switch (change)
        {
            case "model file missing":
                File.Delete(_temp.File("nanodet.onnx"));
                break;
            case "sidecar missing":
                File.Delete(_temp.File("nanodet.json"));
                break;
            case "sidecar of an importer without versions":
                WriteSidecar(current with { Importer = null });
                break;
            case "sidecar of another importer version":
                WriteSidecar(current with { Importer = DefaultModels.ImporterVersion + 1 });
                break;
            case "a threshold changed since":
                WriteSidecar(current with { ScoreThreshold = 0.3f });
                break;
            case "unreadable sidecar":
                File.WriteAllText(_temp.File("nanodet.json"), "{");
                break;
        }

        string? reason = DefaultModels.StaleReason(_temp.Path, DefaultModels.NanoDet);

        if (expected is null)
        {
            Assert.True(reason is null, $"{change}: {reason}");
        }
        else
        {
            Assert.True(reason?.Contains(expected, StringComparison.Ordinal) == true, $"{change}: got '{reason}'");
        }
    }

    [Fact]
    public void StaleReason_Int8OlderThanItsFloatModel_IsStale()
    {
        WriteCurrent(DefaultModels.NanoDet);
        WriteCurrent(DefaultModels.NanoDetInt8);
        Assert.Null(DefaultModels.StaleReason(_temp.Path, DefaultModels.NanoDetInt8));

        File.SetLastWriteTimeUtc(_temp.File("nanodet.onnx"), DateTime.UtcNow.AddMinutes(1));

        Assert.Contains("older than nanodet.onnx", DefaultModels.StaleReason(_temp.Path, DefaultModels.NanoDetInt8), StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultDetectorProblem_EmptyFolder_SaysNanoDetIsMissing_NotThatHogWillDo()
    {
        Assert.Contains("nanodet-int8.onnx is missing", DefaultModels.DefaultDetectorProblem(_temp.Path), StringComparison.Ordinal);

        WriteCurrent(DefaultModels.NanoDet);
        Assert.Contains("nanodet-int8.onnx is missing", DefaultModels.DefaultDetectorProblem(_temp.Path), StringComparison.Ordinal);

        WriteCurrent(DefaultModels.NanoDetInt8);
        File.SetLastWriteTimeUtc(_temp.File("nanodet-int8.onnx"), DateTime.UtcNow.AddMinutes(1)); // quantised after its float model

        Assert.Null(DefaultModels.DefaultDetectorProblem(_temp.Path));
    }

    public void Dispose() => _temp.Dispose();

    private void WriteCurrent(string name)
    {
        File.WriteAllBytes(_temp.File(name + ".onnx"), [1, 2, 3]);
        WriteSidecar(DefaultModels.Sidecar(name), name);
    }

    private void WriteSidecar(ModelSidecar sidecar, string name = DefaultModels.NanoDet) =>
        DefaultModels.WriteSidecar(sidecar, _temp.File(name + ".json"));
}
