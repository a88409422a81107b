using System.Text.Json;

namespace CrowdPortal.Vision.Models;

/// <summary>
/// Lists the models in a folder: every <c>name.onnx</c> with a valid <c>name.json</c> sidecar. A model without a sidecar,
/// or with one that does not parse or validate, is skipped with a message naming the file and the fault.
/// </summary>
public static class ModelCatalog
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Scans <paramref name="modelsDir"/>; a missing folder is an empty catalog.</summary>
    public static ModelCatalogScan Scan(string modelsDir)
    {
        var models = new List<ModelEntry>();
        var problems = new List<string>();
        if (!Directory.Exists(modelsDir))
        {
            return new ModelCatalogScan(models, problems);
        }

        string[] onnxFiles = Directory.GetFiles(modelsDir, "*.onnx");
        Array.Sort(onnxFiles, StringComparer.Ordinal);
        foreach (string onnxPath in onnxFiles)
        {
            string name = Path.GetFileNameWithoutExtension(onnxPath);
            string sidecarPath = Path.ChangeExtension(onnxPath, ".json");
            if (!File.Exists(sidecarPath))
            {
                problems.Add($"{Path.GetFileName(onnxPath)}: skipped, no sidecar {name}.json next to it (fields: src/CrowdPortal.Vision/Models/README.md).");
                continue;
            }

            try
            {
                ModelSidecar sidecar = Parse(File.ReadAllText(sidecarPath));
                models.Add(new ModelEntry(name, onnxPath, sidecar));
            }
            catch (InvalidDataException e)
            {
                problems.Add($"{name}.json: skipped {name}.onnx, {e.Message}");
            }
        }

        return new ModelCatalogScan(models, problems);
    }

    /// <summary>Parses and validates a sidecar; throws <see cref="InvalidDataException"/> saying what is wrong.</summary>
    public static ModelSidecar Parse(string json)
    {
        ModelSidecar? sidecar;
        try
        {
            sidecar = JsonSerializer.Deserialize<ModelSidecar>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"not valid sidecar JSON ({e.Message})", e);
        }

        if (sidecar is null)
        {
            throw new InvalidDataException("the sidecar is empty (null).");
        }

        Validate(sidecar);
        return sidecar;
    }

    private static void Validate(ModelSidecar s)
    {
        if (!ModelFormats.All.Contains(s.Format))
        {
            throw new InvalidDataException($"\"format\" is '{s.Format}', expected one of {string.Join(", ", ModelFormats.All)}.");
        }

        if (s.InputWidth <= 0 || s.InputHeight <= 0)
        {
            throw new InvalidDataException($"\"inputWidth\" and \"inputHeight\" must be positive (got {s.InputWidth}x{s.InputHeight}).");
        }

        if (s.PersonClass < 0 || (s.Labels is { Count: > 0 } labels && s.PersonClass >= labels.Count))
        {
            throw new InvalidDataException($"\"personClass\" {s.PersonClass} is not an index into the {s.Labels?.Count ?? 0} labels.");
        }

        if (!(s.ScoreThreshold > 0 && s.ScoreThreshold < 1) || !(s.NmsIou > 0 && s.NmsIou <= 1))
        {
            throw new InvalidDataException($"\"scoreThreshold\" must be in (0,1) and \"nmsIou\" in (0,1] (got {s.ScoreThreshold}, {s.NmsIou}).");
        }

        if (s.ConfidentThreshold is float confident && !(confident >= s.ScoreThreshold && confident < 1))
        {
            throw new InvalidDataException($"\"confidentThreshold\" must be at least \"scoreThreshold\" and below 1 (got {confident}, {s.ScoreThreshold}).");
        }

        CheckChoice("resize", s.Resize, "stretch", "letterbox");
        CheckChoice("precision", s.Precision, "float32", "int8");
        CheckChoice("inputLayout", s.InputLayout, "nchw", "nhwc");
        CheckChoice("channelOrder", s.ChannelOrder, "rgb", "bgr");
        CheckChoice("boxOrder", s.BoxOrder, "yxyx", "xyxy");
        if ((s.Mean is not null && s.Mean.Length != 3) || (s.Std is not null && (s.Std.Length != 3 || Array.Exists(s.Std, v => v == 0))))
        {
            throw new InvalidDataException("\"mean\" and \"std\" need three values each, and no std may be 0.");
        }
    }

    private static void CheckChoice(string field, string? value, params string[] allowed)
    {
        if (value is not null && Array.IndexOf(allowed, value) < 0)
        {
            throw new InvalidDataException($"\"{field}\" is '{value}', expected {string.Join(" or ", allowed)}.");
        }
    }
}
