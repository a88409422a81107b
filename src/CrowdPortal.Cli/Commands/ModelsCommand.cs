using System.Globalization;
using CrowdPortal.Vision.Models;
using Microsoft.Extensions.Logging;

namespace CrowdPortal.Cli.Commands;

/// <summary>
/// <c>crowdportal models</c>: lists the model catalog (the default marked with *), and the built-in HOG fallback. With
/// <c>--stale</c>: one line per default model (<see cref="DefaultModels.Installed"/>) that is missing or was not written by
/// this version of the importer, <c>name reason</c>, so scripts/setup.sh imports exactly those again.
/// </summary>
internal static class ModelsCommand
{
    public const string Usage = "models [--models-dir DIR] [--stale]";

    public static int Run(IReadOnlyList<string> args, CliConsole console, ILogger logger)
    {
        ParsedArguments parsed = ParsedArguments.Parse(args, ["models-dir"], ["stale"]);
        parsed.ExpectPositionals(0);
        string modelsDir = ModelResolver.ModelsDir(parsed.Option("models-dir"));
        if (parsed.Flag("stale"))
        {
            foreach (string name in DefaultModels.Installed)
            {
                if (DefaultModels.StaleReason(modelsDir, name) is { } reason)
                {
                    console.Out.WriteLine($"{name} {reason}");
                }
            }

            return 0;
        }

        ModelCatalogScan scan = ModelCatalog.Scan(modelsDir);
        foreach (string problem in scan.Problems)
        {
            logger.LogWarning("{Problem}", problem);
        }

        ModelEntry? preferred = DetectorFactory.SelectDefault(scan.Models);
        console.Out.WriteLine($"models in {modelsDir}:");
        foreach (ModelEntry model in scan.Models)
        {
            string mark = ReferenceEquals(model, preferred) ? "*" : " ";
            console.Out.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{mark} {model.Name,-14} {model.Sidecar.Format,-10} {model.Sidecar.InputWidth}x{model.Sidecar.InputHeight,-5} {model.DisplayName}"));
        }

        string hogMark = preferred is null ? "*" : " ";
        console.Out.WriteLine($"{hogMark} {"hog",-14} {"opencv",-10} {"-",-9} OpenCV HOG people detector (built-in fallback)");
        return 0;
    }
}
