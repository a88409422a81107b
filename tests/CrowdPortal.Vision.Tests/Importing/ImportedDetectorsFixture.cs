using CrowdPortal.Vision.Importing;
using Microsoft.ML.OnnxRuntime;

namespace CrowdPortal.Vision.Tests.Importing;

/// <summary>Imports the shipped NanoDet (at its own size and for any size) and CenterNet once per test class, with an ONNX Runtime session for each.</summary>
public sealed class ImportedDetectorsFixture : IDisposable
{
    public ImportedDetectorsFixture()
    {
        NanoDetOnnx = TfjsModelImporter.Import(TfjsFixtures.ShippedModel("nanodet"));
        NanoDetAnySizeOnnx = TfjsModelImporter.Import(TfjsFixtures.ShippedModel("nanodet"), new TfjsImportOptions { AnyImageSize = true });
        CenterNetOnnx = TfjsModelImporter.Import(TfjsFixtures.ShippedModel("centernet"));
        NanoDet = new InferenceSession(NanoDetOnnx);
        NanoDetAnySize = new InferenceSession(NanoDetAnySizeOnnx);
        CenterNet = new InferenceSession(CenterNetOnnx);
    }

    public byte[] NanoDetOnnx { get; }

    public byte[] CenterNetOnnx { get; }

    /// <summary>NanoDet imported for any image size (as the default models are).</summary>
    public byte[] NanoDetAnySizeOnnx { get; }

    public InferenceSession NanoDetAnySize { get; }

    public InferenceSession NanoDet { get; }

    public InferenceSession CenterNet { get; }

    public void Dispose()
    {
        NanoDet.Dispose();
        NanoDetAnySize.Dispose();
        CenterNet.Dispose();
    }
}
