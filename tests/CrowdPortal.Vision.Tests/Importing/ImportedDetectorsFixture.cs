using CrowdPortal.Vision.Importing;
using Microsoft.ML.OnnxRuntime;

namespace CrowdPortal.Vision.Tests.Importing;

/// <summary>Imports the shipped NanoDet and CenterNet once per test class and keeps an ONNX Runtime session for each.</summary>
public sealed class ImportedDetectorsFixture : IDisposable
{
    public ImportedDetectorsFixture()
    {
        NanoDetOnnx = TfjsModelImporter.Import(TfjsFixtures.ShippedModel("nanodet"));
        CenterNetOnnx = TfjsModelImporter.Import(TfjsFixtures.ShippedModel("centernet"));
        NanoDet = new InferenceSession(NanoDetOnnx);
        CenterNet = new InferenceSession(CenterNetOnnx);
    }

    public byte[] NanoDetOnnx { get; }

    public byte[] CenterNetOnnx { get; }

    public InferenceSession NanoDet { get; }

    public InferenceSession CenterNet { get; }

    public void Dispose()
    {
        NanoDet.Dispose();
        CenterNet.Dispose();
    }
}
