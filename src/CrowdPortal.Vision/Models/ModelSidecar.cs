using System.Text.Json.Serialization;

namespace CrowdPortal.Vision.Models;

/// <summary>
/// The small JSON file next to a model (<c>models/name.json</c> for <c>models/name.onnx</c>) that says how to run it.
/// Common fields apply to every format; the SSD fields say what an arbitrary SSD export expects and returns.
/// </summary>
public sealed record ModelSidecar
{
    /// <summary>Output format: <c>nanodet</c>, <c>centernet</c>, <c>yolo</c> or <c>ssd</c>.</summary>
    [JsonPropertyName("format")]
    public string Format { get; init; } = "";

    /// <summary>Model input width in pixels.</summary>
    [JsonPropertyName("inputWidth")]
    public int InputWidth { get; init; }

    /// <summary>Model input height in pixels.</summary>
    [JsonPropertyName("inputHeight")]
    public int InputHeight { get; init; }

    /// <summary>
    /// NanoDet only: the model takes any image size (imported with <c>--any-size</c>), so each video is analysed at an
    /// input shaped like its frames (long side <see cref="InputWidth"/>) instead of a padded square. Faster, same boxes.
    /// </summary>
    [JsonPropertyName("fitAspect")]
    public bool FitAspect { get; init; }

    /// <summary>
    /// <c>float32</c> (default) or <c>int8</c>: the number format the model computes in. Informational (the model file
    /// decides); an int8 model is the float one quantised by <c>import-model --quantize int8</c>, with float inputs and
    /// outputs, so it runs like the float model. Choose between them by model name (<c>nanodet</c> or <c>nanodet-int8</c>).
    /// </summary>
    [JsonPropertyName("precision")]
    public string? Precision { get; init; }

    /// <summary>
    /// The version of CrowdPortal's importer that wrote the model (<see cref="DefaultModels.ImporterVersion"/>); absent
    /// for models imported by hand or by a version before it was written. A default model written by another version is
    /// imported again (scripts/setup.sh, <c>crowdportal models --stale</c>).
    /// </summary>
    [JsonPropertyName("importer")]
    public int? Importer { get; init; }

    /// <summary>Class names in output order, when known.</summary>
    [JsonPropertyName("labels")]
    public IReadOnlyList<string>? Labels { get; init; }

    /// <summary>Index of the person class in the model's outputs (0 for COCO 0-based, 1 for TF OD API label maps).</summary>
    [JsonPropertyName("personClass")]
    public int PersonClass { get; init; }

    /// <summary>Minimum score for a person box.</summary>
    [JsonPropertyName("scoreThreshold")]
    public float ScoreThreshold { get; init; } = 0.35f;

    /// <summary>
    /// Score at or above which a person box counts on its own and may start a track. Boxes between
    /// <see cref="ScoreThreshold"/> and this only continue a person the tracker already follows (ByteTrack's low-score
    /// stage), e.g. someone half hidden. Unset: every box at or above <see cref="ScoreThreshold"/> counts on its own.
    /// </summary>
    [JsonPropertyName("confidentThreshold")]
    public float? ConfidentThreshold { get; init; }

    /// <summary>IoU above which the weaker of two person boxes is dropped.</summary>
    [JsonPropertyName("nmsIou")]
    public float NmsIou { get; init; } = 0.5f;

    /// <summary>Name shown to users.</summary>
    [JsonPropertyName("displayName")]
    public string? DisplayName { get; init; }

    /// <summary>Where the weights come from and their licence.</summary>
    [JsonPropertyName("source")]
    public string? Source { get; init; }

    /// <summary><c>stretch</c> or <c>letterbox</c>; YOLO always letterboxes.</summary>
    [JsonPropertyName("resize")]
    public string? Resize { get; init; }

    /// <summary>SSD only: <c>nchw</c> or <c>nhwc</c> (default nhwc, as TensorFlow exports).</summary>
    [JsonPropertyName("inputLayout")]
    public string? InputLayout { get; init; }

    /// <summary>SSD only: <c>rgb</c> or <c>bgr</c> (default rgb).</summary>
    [JsonPropertyName("channelOrder")]
    public string? ChannelOrder { get; init; }

    /// <summary>SSD only: per-channel mean subtracted from 0–255 pixels (default 0).</summary>
    [JsonPropertyName("mean")]
    public float[]? Mean { get; init; }

    /// <summary>SSD only: per-channel divisor after the mean (default 1: raw 0–255).</summary>
    [JsonPropertyName("std")]
    public float[]? Std { get; init; }

    /// <summary>SSD only: <c>yxyx</c> (TF OD API, default) or <c>xyxy</c>, normalised 0–1.</summary>
    [JsonPropertyName("boxOrder")]
    public string? BoxOrder { get; init; }

    /// <summary>SSD only: output names, when they differ from the TF OD API's.</summary>
    [JsonPropertyName("outputs")]
    public SsdOutputsSidecar? Outputs { get; init; }
}

/// <summary>
/// SSD output names as written in a sidecar. Missing <c>boxes</c>/<c>scores</c> take the TF OD API names; a missing
/// <c>classes</c> or <c>count</c> means the model has no such output (scores are then per class, [1,N,C]).
/// </summary>
public sealed record SsdOutputsSidecar
{
    [JsonPropertyName("boxes")]
    public string? Boxes { get; init; }

    [JsonPropertyName("scores")]
    public string? Scores { get; init; }

    [JsonPropertyName("classes")]
    public string? Classes { get; init; }

    [JsonPropertyName("count")]
    public string? Count { get; init; }
}
