using CrowdPortal.Tests.Shared;
using CrowdPortal.Vision.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrowdPortal.Cli.Tests;

/// <summary>
/// A models folder holding the default models imported from the npm package (once per test run), or the checkout's
/// models/ when the current importer wrote them there. Tests pass it as --models-dir so no test depends on the current folder.
/// </summary>
internal static class TestModels
{
    private static readonly Lazy<string> LazyDir = new(Prepare, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Dir => LazyDir.Value;

    private static string Prepare()
    {
        string repoModels = Path.Combine(RepoPaths.Root, "models");
        // The checkout's models only when this importer wrote them: never a stale models/.
        if (DefaultModels.Known.All(n => DefaultModels.StaleReason(repoModels, n) is null))
        {
            return repoModels;
        }

        string dir = Path.Combine(Path.GetTempPath(), "crowdportal-cli-tests-models-" + Environment.ProcessId);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Directory.Delete(dir, recursive: true);
        string humanModels = Path.Combine(RepoPaths.Root, DefaultModels.HumanModelsRelativeDir);
        IReadOnlyList<string> present = DefaultModels.EnsureImported(dir, humanModels, NullLogger.Instance);
        Assert.Contains(DefaultModels.NanoDet, present);
        return dir;
    }
}
