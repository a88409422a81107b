namespace CrowdPortal.Vision.Models;

public static partial class DefaultModels
{
    /// <summary>
    /// Why the default model <paramref name="name"/> (<see cref="Installed"/>) in <paramref name="modelsDir"/> is not
    /// what this importer writes, or null when it is: the model or its sidecar missing, a sidecar from another importer
    /// version or differing from <see cref="Sidecar"/> (e.g. a threshold changed since), or an int8 model older than the
    /// float model it is quantised from.
    /// </summary>
    public static string? StaleReason(string modelsDir, string name)
    {
        string onnx = Path.Combine(modelsDir, name + ".onnx");
        string sidecarPath = Path.Combine(modelsDir, name + ".json");
        if (!File.Exists(onnx))
        {
            return $"{name}.onnx is missing";
        }

        if (!File.Exists(sidecarPath))
        {
            return $"{name}.json is missing";
        }

        ModelSidecar sidecar;
        try
        {
            sidecar = ModelCatalog.Parse(File.ReadAllText(sidecarPath));
        }
        catch (InvalidDataException ex)
        {
            return $"{name}.json is unreadable: {ex.Message}";
        }

        if (sidecar.Importer != ImporterVersion)
        {
            return $"written by importer version {sidecar.Importer?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "1"}, this is version {ImporterVersion}";
        }

        if (sidecar != Sidecar(name))
        {
            return $"{name}.json differs from the sidecar this importer writes";
        }

        string floatModel = Path.Combine(modelsDir, FloatModelOf(name) + ".onnx");
        if (floatModel != onnx && File.Exists(floatModel) && File.GetLastWriteTimeUtc(floatModel) > File.GetLastWriteTimeUtc(onnx))
        {
            return $"older than {FloatModelOf(name)}.onnx, which it is quantised from";
        }

        return null;
    }

    /// <summary>
    /// Why <paramref name="modelsDir"/> would not run the portal's default detector, the current import of NanoDet
    /// (int8, quantised from the float import), or null when it would. Test fixtures fail with it rather than run on HOG or on a stale import.
    /// </summary>
    public static string? DefaultDetectorProblem(string modelsDir)
    {
        if (StaleReason(modelsDir, PreferredModel) is { } stale)
        {
            return $"{modelsDir} has no current import of the default detector {PreferredModel}: {stale}.";
        }

        ModelEntry? chosen = DetectorFactory.SelectDefault(ModelCatalog.Scan(modelsDir).Models);
        return chosen?.Name == PreferredModel && chosen.Sidecar.Format == ModelFormats.NanoDet
            ? null
            : $"{modelsDir} would run {chosen?.Name ?? "HOG"} by default, not {PreferredModel}.";
    }
}
