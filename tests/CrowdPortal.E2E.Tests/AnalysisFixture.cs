using CrowdPortal.Tests.Shared;

namespace CrowdPortal.E2E.Tests;

/// <summary>
/// The browser and portal of <see cref="BrowserFixture"/>, with the portal pointed at the checkout's imported ONNX
/// models (<c>models/</c>), as scripts/run-portal.sh does. Without them the portal falls back to OpenCV's HOG
/// detector, which needs over four minutes for vtest.avi on two cores.
/// </summary>
public sealed class AnalysisFixture : IAsyncLifetime
{
    public BrowserFixture Browser { get; } = new();

    public async Task InitializeAsync()
    {
        // The portal process inherits this process's environment; setting the variable only fills in what
        // run-portal.sh would, so other fixtures starting now get the same, better, configuration.
        string models = Path.Combine(RepoPaths.Root, "models");
        if (Environment.GetEnvironmentVariable("Analysis__ModelsPath") is null && Directory.Exists(models))
        {
            Environment.SetEnvironmentVariable("Analysis__ModelsPath", models);
        }

        await Browser.InitializeAsync();
    }

    public Task DisposeAsync() => Browser.DisposeAsync();
}
