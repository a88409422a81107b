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

        Assert.Empty(scan.Problems);
        Assert.Equal(["centernet", "nanodet"], scan.Models.Select(m => m.Name).Order().ToArray());
    }

    [Fact]
    public void EnsureImported_MissingTfjsSource_ImportsNothingAndWarns()
    {
        var logger = new RecordingLogger();

        IReadOnlyList<string> present = DefaultModels.EnsureImported(_temp.File("models"), _temp.File("no-such-npm-folder"), logger);

        Assert.Empty(present);
        Assert.Equal(2, logger.Warnings.Count());
    }

    public void Dispose() => _temp.Dispose();
}
