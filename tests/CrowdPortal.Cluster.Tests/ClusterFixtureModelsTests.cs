using CrowdPortal.Tests.Shared;
using CrowdPortal.Vision.Models;

namespace CrowdPortal.Cluster.Tests;

/// <summary>
/// The cluster fixture runs its nodes only on the current import of the default detector: an empty or stale models/
/// stops it with the reason and the command that fixes it, instead of a cluster silently counting with HOG.
/// </summary>
public sealed class ClusterFixtureModelsTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("crowdportal-cluster-models-").FullName;

    [Fact]
    public void EmptyModelsFolder_IsRefused_SayingTheDefaultDetectorIsMissing()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => ClusterFixture.CheckedModels(_dir));

        Assert.Contains($"{DefaultModels.PreferredModel}.onnx is missing", refused.Message, StringComparison.Ordinal);
        Assert.Contains("scripts/setup.sh", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ModelsFromAnOlderImporter_AreRefused_AsStale()
    {
        CopyCheckoutModels();
        string sidecar = Path.Combine(_dir, DefaultModels.PreferredModel + ".json");
        string current = $"\"importer\": {DefaultModels.ImporterVersion}";
        string text = File.ReadAllText(sidecar);
        Assert.Contains(current, text, StringComparison.Ordinal);
        File.WriteAllText(sidecar, text.Replace(current, $"\"importer\": {DefaultModels.ImporterVersion - 1}", StringComparison.Ordinal));

        var refused = Assert.Throws<InvalidOperationException>(() => ClusterFixture.CheckedModels(_dir));

        Assert.Contains($"written by importer version {DefaultModels.ImporterVersion - 1}", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckoutModels_AreAccepted()
    {
        string models = Path.Combine(RepoPaths.Root, "models");

        Assert.Equal(models, ClusterFixture.CheckedModels(models));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private void CopyCheckoutModels()
    {
        foreach (string ext in (string[])[".onnx", ".json"])
        {
            string name = DefaultModels.PreferredModel + ext;
            File.Copy(Path.Combine(RepoPaths.Root, "models", name), Path.Combine(_dir, name));
        }
    }
}
