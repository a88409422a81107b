using CrowdPortal.Tests.Shared;
using CrowdPortal.Vision.Models;

namespace CrowdPortal.Vision.Tests.Importing;

/// <summary>
/// NanoDet quantised to int8 by the importer once per test class (calibrated on vtest.avi as setup.sh does), in a temp
/// folder with its sidecar, beside the float NanoDet of <see cref="Models.ImportedModels"/>.
/// </summary>
public sealed class Int8NanoDetFixture : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("crowdportal-int8-").FullName;

    public Int8NanoDetFixture()
    {
        string onnx = Path.Combine(_folder, DefaultModels.NanoDetInt8 + ".onnx");
        Summary = DefaultModels.ImportInt8(TfjsFixtures.ShippedModel(DefaultModels.NanoDet), onnx, DefaultModels.NanoDet, RepoPaths.SampleVideo);
        DefaultModels.WriteSidecar(DefaultModels.NanoDetInt8, _folder);
        Int8 = new ModelEntry(DefaultModels.NanoDetInt8, onnx, DefaultModels.Sidecar(DefaultModels.NanoDetInt8));
    }

    public Int8ImportSummary Summary { get; }

    /// <summary>The int8 model as the catalog lists it.</summary>
    public ModelEntry Int8 { get; }

    /// <summary>The float model it was quantised from.</summary>
    public ModelEntry Float => Models.ImportedModels.Entry(DefaultModels.NanoDet);

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
