using CrowdPortal.Tests.Shared;
using CrowdPortal.Vision.Models;
using CrowdPortal.Vision.Importing;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrowdPortal.Vision.Tests.Models;

/// <summary>
/// The real NanoDet and CenterNet ONNX models, imported once per test run from the npm package through
/// <see cref="DefaultModels.EnsureImported"/> into a temp folder, or taken from the checkout's models/ when the current
/// importer wrote both there.
/// </summary>
internal static class ImportedModels
{
    private static readonly Lazy<string> LazyDir = new(Prepare, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>A folder holding nanodet.onnx, centernet.onnx and their sidecars.</summary>
    public static string Dir => LazyDir.Value;

    /// <summary>The catalog entry of an imported model.</summary>
    public static ModelEntry Entry(string name) =>
        new(name, Path.Combine(Dir, name + ".onnx"), ModelCatalog.Parse(File.ReadAllText(Path.Combine(Dir, name + ".json"))));

    private static string Prepare()
    {
        string repoModels = Path.Combine(RepoPaths.Root, "models");
        // The checkout's models only when this importer wrote them: never a stale models/.
        if (DefaultModels.Known.All(n => DefaultModels.StaleReason(repoModels, n) is null))
        {
            return repoModels;
        }

        // One folder per build of the importer: later runs of the same build reuse it, a new build re-imports, and folders
        // of other builds untouched for an hour are removed (a test run of another build may still be using a fresh one).
        const string prefix = "crowdportal-imported-models-";
        string build = typeof(TfjsModelImporter).Assembly.ManifestModule.ModuleVersionId.ToString("N");
        string dir = Path.Combine(Path.GetTempPath(), prefix + build);
        foreach (string stale in Directory.GetDirectories(Path.GetTempPath(), prefix + "*"))
        {
            if (!string.Equals(stale, dir, StringComparison.Ordinal) && Directory.GetLastWriteTimeUtc(stale) < DateTime.UtcNow.AddHours(-1))
            {
                TryDelete(stale);
            }
        }

        string humanModels = Path.Combine(RepoPaths.Root, DefaultModels.HumanModelsRelativeDir);
        IReadOnlyList<string> present = DefaultModels.EnsureImported(dir, humanModels, NullLogger.Instance);
        Assert.True(present.Count == DefaultModels.Known.Count, $"Imported only [{string.Join(", ", present)}] from {humanModels}");
        return dir;
    }

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Another test run is using it right now; it goes next time.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
