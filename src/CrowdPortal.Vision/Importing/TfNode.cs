using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CrowdPortal.Vision.Importing;

/// <summary>One node of the GraphDef in a TF.js model.json, with typed access to its attributes.</summary>
internal sealed class TfNode
{
    private readonly JsonElement _attr;

    public TfNode(string name, string op, IReadOnlyList<string> inputs, JsonElement attr)
    {
        Name = name;
        Op = op;
        Inputs = inputs;
        _attr = attr;
    }

    public string Name { get; }

    public string Op { get; }

    /// <summary>Data inputs as "node" or "node:k"; control inputs ("^node") are dropped by the reader.</summary>
    public IReadOnlyList<string> Inputs { get; }

    public bool HasAttr(string key) => _attr.ValueKind == JsonValueKind.Object && _attr.TryGetProperty(key, out _);

    /// <summary>A string attribute (GraphDef stores bytes, JSON carries them base64-encoded).</summary>
    public string GetString(string key, string fallback)
    {
        return TryGet(key, out JsonElement v) && v.TryGetProperty("s", out JsonElement s)
            ? Encoding.UTF8.GetString(Convert.FromBase64String(s.GetString() ?? string.Empty))
            : fallback;
    }

    public long GetInt(string key, long fallback)
    {
        return TryGet(key, out JsonElement v) && v.TryGetProperty("i", out JsonElement i) ? ParseLong(i) : fallback;
    }

    public float GetFloat(string key, float fallback)
    {
        return TryGet(key, out JsonElement v) && v.TryGetProperty("f", out JsonElement f) ? ParseFloat(f) : fallback;
    }

    public bool GetBool(string key, bool fallback)
    {
        return TryGet(key, out JsonElement v) && v.TryGetProperty("b", out JsonElement b) ? b.GetBoolean() : fallback;
    }

    public TfDataType GetType(string key)
    {
        return TryGet(key, out JsonElement v) && v.TryGetProperty("type", out JsonElement t)
            ? TfDataTypes.FromGraphDef(t.GetString() ?? string.Empty)
            : throw new TfjsImportException($"Node '{Name}' lacks the type attribute '{key}'.");
    }

    public TfDataType GetType(string key, TfDataType fallback) => HasAttr(key) ? GetType(key) : fallback;

    public long[] GetInts(string key)
    {
        if (!TryGet(key, out JsonElement v) || !v.TryGetProperty("list", out JsonElement list) || !list.TryGetProperty("i", out JsonElement items))
        {
            return [];
        }

        var result = new long[items.GetArrayLength()];
        int n = 0;
        foreach (JsonElement item in items.EnumerateArray())
        {
            result[n++] = ParseLong(item);
        }

        return result;
    }

    public string[] GetStrings(string key)
    {
        if (!TryGet(key, out JsonElement v) || !v.TryGetProperty("list", out JsonElement list) || !list.TryGetProperty("s", out JsonElement items))
        {
            return [];
        }

        var result = new List<string>();
        foreach (JsonElement item in items.EnumerateArray())
        {
            result.Add(Encoding.UTF8.GetString(Convert.FromBase64String(item.GetString() ?? string.Empty)));
        }

        return [.. result];
    }

    /// <summary>A shape attribute ({"shape": {"dim": [{"size": "1"}, {}]}}): proto3 omits zero sizes, -1 is unknown.</summary>
    public long[]? GetShape(string key)
    {
        if (!TryGet(key, out JsonElement v) || !v.TryGetProperty("shape", out JsonElement shape))
        {
            return null;
        }

        return ParseShape(shape);
    }

    /// <summary>The tensor proto of a Const node's "value" attribute, if any.</summary>
    public JsonElement? GetTensor(string key)
    {
        return TryGet(key, out JsonElement v) && v.TryGetProperty("tensor", out JsonElement t) ? t : null;
    }

    public static long[] ParseShape(JsonElement shape)
    {
        if (shape.TryGetProperty("unknownRank", out JsonElement unknown) && unknown.ValueKind == JsonValueKind.True)
        {
            throw new TfjsImportException("A tensor of unknown rank cannot be imported.");
        }

        if (!shape.TryGetProperty("dim", out JsonElement dims))
        {
            return [];
        }

        var result = new long[dims.GetArrayLength()];
        int n = 0;
        foreach (JsonElement dim in dims.EnumerateArray())
        {
            result[n++] = dim.TryGetProperty("size", out JsonElement size) ? ParseLong(size) : 0;
        }

        return result;
    }

    private static long ParseLong(JsonElement e) =>
        e.ValueKind == JsonValueKind.String ? long.Parse(e.GetString()!, CultureInfo.InvariantCulture) : e.GetInt64();

    private static float ParseFloat(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString() switch
        {
            "NaN" => float.NaN,
            "Infinity" => float.PositiveInfinity,
            "-Infinity" => float.NegativeInfinity,
            string s => float.Parse(s, CultureInfo.InvariantCulture),
            null => throw new TfjsImportException("A float attribute is null."),
        },
        _ => e.GetSingle(),
    };

    private bool TryGet(string key, out JsonElement value)
    {
        if (_attr.ValueKind == JsonValueKind.Object && _attr.TryGetProperty(key, out value))
        {
            return true;
        }

        value = default;
        return false;
    }
}
