using CrowdPortal.Tests.Shared;
using CrowdPortal.Vision.Importing;
using CrowdPortal.Vision.Models;
using CrowdPortal.Vision.Tests.Detectors;

namespace CrowdPortal.Vision.Tests.Models;

public sealed class DefaultModelsTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public static TheoryData<string, string, int> KnownModels => new()
    {
        { "nanodet", DefaultModels.NanoDet, 416 },
        { "centernet", DefaultModels.CenterNet, 512 },
    };

    [Theory]
    [MemberData(nameof(KnownModels))]
    public void WriteSidecar_WritesASidecarTheCatalogAccepts(string label, string name, int inputSize)
    {
        string path = DefaultModels.WriteSidecar(name, _temp.Path);

        ModelSidecar parsed = ModelCatalog.Parse(File.ReadAllText(path));

        Assert.True(parsed == DefaultModels.Sidecar(name), label);
        Assert.Equal(name, parsed.Format);
        Assert.Equal(inputSize, parsed.InputWidth);
        Assert.Equal(0, parsed.PersonClass);
    }

    [Fact]
    public void WriteSidecar_UnknownModel_Throws() =>
        Assert.Throws<ArgumentException>(() => DefaultModels.WriteSidecar("movenet", _temp.Path));

    [Fact]
    public void EnsureImported_ProducesBothModelsTheCatalogLists()
    {
        ModelCatalogScan scan = ModelCatalog.Scan(ImportedModels.Dir);

        // The checkout's models/ (used when present) also holds the int8 NanoDet that setup.sh makes.
        Assert.Empty(scan.Problems);
        Assert.Subset(scan.Models.Select(m => m.Name).ToHashSet(), new HashSet<string> { "centernet", "nanodet" });
    }

    [Fact]
    public void EnsureImported_MissingTfjsSource_ImportsNothingAndWarns()
    {
        var logger = new RecordingLogger();

        IReadOnlyList<string> present = DefaultModels.EnsureImported(_temp.File("models"), _temp.File("no-such-npm-folder"), logger);

        Assert.Empty(present);
        Assert.Equal(2, logger.Warnings.Count());
    }

    /// <summary>
    /// A NanoDet imported by an earlier version (fixed 416x416 input, sidecar without fitAspect) is imported again for any
    /// image size with the current sidecar; a CenterNet already there is left as it is.
    /// </summary>
    [Fact]
    public void EnsureImported_NanoDetFromBeforeAnySizeImports_IsImportedAgain()
    {
        string models = _temp.File("models");
        Directory.CreateDirectory(models);
        string humanModels = Path.Combine(RepoPaths.Root, DefaultModels.HumanModelsRelativeDir);
        string nanodet = Path.Combine(models, "nanodet.onnx");
        TfjsModelImporter.ImportToFile(Path.Combine(humanModels, "nanodet.json"), nanodet);
        File.WriteAllText(Path.Combine(models, "nanodet.json"), """{"format":"nanodet","inputWidth":416,"inputHeight":416,"scoreThreshold":0.45}""");
        File.Copy(Path.Combine(ImportedModels.Dir, "centernet.onnx"), Path.Combine(models, "centernet.onnx"));
        DateTime centernetWritten = File.GetLastWriteTimeUtc(Path.Combine(models, "centernet.onnx"));
        Assert.False(DefaultModels.TakesAnyImageSize(nanodet));

        DefaultModels.EnsureImported(models, humanModels, new RecordingLogger());

        Assert.True(DefaultModels.TakesAnyImageSize(nanodet));
        Assert.True(ModelCatalog.Parse(File.ReadAllText(Path.Combine(models, "nanodet.json"))).FitAspect);
        Assert.Equal(centernetWritten, File.GetLastWriteTimeUtc(Path.Combine(models, "centernet.onnx")));
    }

    public void Dispose() => _temp.Dispose();
}
