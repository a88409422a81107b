using CrowdPortal.Tests.Shared;
using CrowdPortal.Vision.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrowdPortal.Cli.Tests;

/// <summary>
/// A models folder holding the default models imported from the npm package (once per test run), or the checkout's
/// models/ when they are already there. Tests pass it as --models-dir so no test depends on the current folder.
/// </summary>
internal static class TestModels
{
    private static readonly Lazy<string> LazyDir = new(Prepare, LazyThreadSafetyMode.ExecutionAndPublication);

    public static string Dir => LazyDir.Value;

    private static string Prepare()
    {
        string repoModels = Path.Combine(RepoPaths.Root, "models");
        if (File.Exists(Path.Combine(repoModels, "nanodet.onnx")) && File.Exists(Path.Combine(repoModels, "nanodet.json")))
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
