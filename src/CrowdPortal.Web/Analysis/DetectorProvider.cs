using CrowdPortal.Vision.Detectors;
using CrowdPortal.Vision.Models;
using Microsoft.Extensions.Options;

namespace CrowdPortal.Web.Analysis;

/// <summary>The model catalog of the configured models folder, and detectors built from it (one per analysis).</summary>
public sealed class DetectorProvider(IOptions<AnalysisSettings> settings, IWebHostEnvironment environment, ILogger<DetectorProvider> logger)
{
    public const string HogName = "hog";

    public string ModelsPath { get; } = Path.GetFullPath(settings.Value.ModelsPath, environment.ContentRootPath);

    /// <summary>The models a user can pick, the default first; HOG when there is no ONNX model.</summary>
    public IReadOnlyList<ModelInfo> List()
    {
        var models = ModelCatalog.Scan(ModelsPath).Models;
        var chosen = DetectorFactory.SelectDefault(models);
        if (chosen is null)
        {
            return [new ModelInfo(HogName, "OpenCV HOG people detector (fallback)", HogName, true)];
        }

        return models.OrderByDescending(m => m == chosen)
            .Select(m => new ModelInfo(m.Name, m.DisplayName, m.Sidecar.Format, m == chosen))
            .ToList();
    }

    /// <summary>True when <paramref name="name"/> is a model of the catalog (or HOG).</summary>
    public bool Exists(string name) => List().Any(m => m.Name == name);

    /// <summary>Builds the named detector, or the default one when <paramref name="name"/> is null.</summary>
    public IPersonDetector Create(string? name)
    {
        if (name == HogName)
        {
            return DetectorFactory.CreateHog(logger, "chosen by the user");
        }

        var entry = name is null ? null : ModelCatalog.Scan(ModelsPath).Models.FirstOrDefault(m => m.Name == name);
        return entry is null ? DetectorFactory.CreateDefault(ModelsPath, logger) : DetectorFactory.Create(entry, logger);
    }
}

/// <summary>A model as the API lists it.</summary>
public sealed record ModelInfo(string Name, string DisplayName, string Format, bool IsDefault);
