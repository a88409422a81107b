using CrowdPortal.Vision.Detectors;
using CrowdPortal.Vision.Models;
using Microsoft.Extensions.Logging;

namespace CrowdPortal.Cli;

/// <summary>
/// Turns <c>--model</c> and <c>--models-dir</c> into a detector: a catalog NAME from the models folder, <c>hog</c>, or a
/// PATH to an .onnx file with its sidecar beside it; without <c>--model</c>, the catalog's default, importing the default
/// models from node_modules first when the folder has none. ONNX models run as a pool of <c>workers</c> single-threaded
/// sessions (one frame each at a time); 1 = one session using every core. <c>frameSize</c>: the video's frame size when
/// known, so a model fitted to the frames' aspect builds its session once, for that size.
/// </summary>
internal sealed class ModelResolver(ILogger logger, int workers = 1, (int Width, int Height)? frameSize = null)
{
    /// <summary>Environment variable naming the models folder.</summary>
    public const string ModelsDirVariable = "CROWDPORTAL_MODELS_DIR";

    /// <summary>The name that selects OpenCV's HOG people detector.</summary>
    public const string HogName = "hog";

    /// <summary>
    /// The models folder: <c>--models-dir</c>, else <c>$CROWDPORTAL_MODELS_DIR</c>, else <c>models/</c> under the current
    /// folder if it exists, else <c>models/</c> at the checkout root, else <c>models/</c> under the current folder.
    /// </summary>
    public static string ModelsDir(string? option)
    {
        if (!string.IsNullOrWhiteSpace(option))
        {
            return Path.GetFullPath(option);
        }

        string? fromEnvironment = Environment.GetEnvironmentVariable(ModelsDirVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        string local = Path.Combine(Environment.CurrentDirectory, "models");
        if (Directory.Exists(local))
        {
            return local;
        }

        string? root = RepoLocator.FindRoot();
        return root is not null ? Path.Combine(root, "models") : local;
    }

    /// <summary>Builds the detector <paramref name="model"/> names (null = default).</summary>
    /// <exception cref="CliException">Unknown name, missing file, or a model without a usable sidecar.</exception>
    public IPersonDetector Create(string? model, string modelsDir)
    {
        if (string.IsNullOrWhiteSpace(model))
        {
            EnsureDefaultModels(modelsDir);
            return DetectorFactory.CreateDefault(modelsDir, logger, workers, frameSize);
        }

        if (string.Equals(model, HogName, StringComparison.OrdinalIgnoreCase))
        {
            return DetectorFactory.CreateHog(logger, "chosen with --model hog");
        }

        ModelEntry entry = LooksLikePath(model) ? EntryForPath(model) : EntryForName(model, modelsDir);
        return Build(entry);
    }

    /// <summary>Imports the default models from node_modules when the models folder has no model yet.</summary>
    public void EnsureDefaultModels(string modelsDir)
    {
        if (ModelCatalog.Scan(modelsDir).Models.Count > 0)
        {
            return;
        }

        string? root = RepoLocator.FindRoot();
        string humanModels = Path.Combine(root ?? Environment.CurrentDirectory, DefaultModels.HumanModelsRelativeDir);
        if (!Directory.Exists(humanModels))
        {
            return; // The factory falls back to HOG and says so.
        }

        try
        {
            DefaultModels.EnsureImported(modelsDir, humanModels, logger);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Vision.Importing.TfjsImportException or NotSupportedException)
        {
            throw new CliException($"cannot import the default models from {humanModels} into {modelsDir}: {OneLine(ex.Message)}", ex);
        }
    }

    private IPersonDetector Build(ModelEntry entry)
    {
        try
        {
            return DetectorFactory.CreatePool(entry, logger, workers, frameSize);
        }
        catch (Exception ex) when (ex is InvalidDataException or ArgumentException or InvalidOperationException or NotSupportedException
            or Microsoft.ML.OnnxRuntime.OnnxRuntimeException or IOException)
        {
            throw new CliException($"cannot load model '{entry.Name}' ({entry.OnnxPath}): {OneLine(ex.Message)}", ex);
        }
    }

    private static bool LooksLikePath(string model) =>
        model.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase) || model.Contains('/') || model.Contains('\\');

    private static ModelEntry EntryForPath(string path)
    {
        string full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new CliException($"model file not found: {path}");
        }

        string name = Path.GetFileNameWithoutExtension(full);
        string sidecarPath = Path.ChangeExtension(full, ".json");
        ModelSidecar sidecar;
        if (File.Exists(sidecarPath))
        {
            try
            {
                sidecar = ModelCatalog.Parse(File.ReadAllText(sidecarPath));
            }
            catch (InvalidDataException ex)
            {
                throw new CliException($"bad model sidecar {sidecarPath}: {OneLine(ex.Message)}", ex);
            }
        }
        else if (DefaultModels.Known.Contains(name))
        {
            sidecar = DefaultModels.Sidecar(name);
        }
        else
        {
            throw new CliException($"model {path} has no sidecar: write {Path.GetFileName(sidecarPath)} beside it (format, inputWidth, inputHeight, personClass)");
        }

        return new ModelEntry(name, full, sidecar);
    }

    private static ModelEntry EntryForName(string name, string modelsDir)
    {
        ModelCatalogScan scan = ModelCatalog.Scan(modelsDir);
        foreach (ModelEntry entry in scan.Models)
        {
            if (string.Equals(entry.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return entry;
            }
        }

        string available = scan.Models.Count == 0 ? "none" : string.Join(", ", scan.Models.Select(m => m.Name));
        throw new CliException($"unknown model '{name}' in {modelsDir} (available: {available}, or 'hog', or a path to an .onnx file)");
    }

    internal static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
