using System.Text;
using System.Text.Json;
using CrowdPortal.Core.Geometry;

namespace CrowdPortal.Core.Zones;

/// <summary>
/// The zones JSON used by the CLI's <c>--zones zones.json</c> and by <c>PUT /api/v1/videos/{id}/zones</c>: an array of
/// <c>{"zoneId", "label", "kind": "polygon"|"line"|"mask", "points": [[x,y],...], "warning", "critical", "areaM2",
/// "colour", "anchor": "bottom-center"|"center"|"top-center", "inertia"}</c>. Points are normalised (0..1). Only
/// zoneId, label and points are required; kind defaults to polygon. Property names are matched case-insensitively;
/// unknown properties are ignored, except a single <c>threshold</c>, which is rejected rather than silently dropped.
/// A numeric zoneId is accepted and read as its text. At most <see cref="ZoneValidator.MaxZones"/> zones.
/// </summary>
public static class ZoneSetJson
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 16,
    };

    /// <summary>Parses and validates a zones document. Never throws for bad input: problems come back as errors.</summary>
    public static ZoneSetParseResult Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            return Fail(new ZoneError("(document)", "json", "is not valid JSON: " + ex.Message));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return Fail(new ZoneError("(document)", "json", "must be an array of zones, e.g. [{\"zoneId\": \"z1\", ...}]."));
            }

            int count = document.RootElement.GetArrayLength();
            if (count > ZoneValidator.MaxZones)
            {
                return Fail(new ZoneError("(document)", "json", $"at most {ZoneValidator.MaxZones} zones are allowed (got {count})."));
            }

            var errors = new List<ZoneError>();
            var zones = new List<ZoneDefinition>();
            int index = 0;
            foreach (JsonElement element in document.RootElement.EnumerateArray())
            {
                ZoneDefinition? zone = ZoneJsonReader.ReadZone(element, index, errors);
                if (zone is not null)
                {
                    zones.Add(zone);
                }

                index++;
            }

            if (errors.Count > 0)
            {
                return new ZoneSetParseResult(ZoneSet.Empty, errors);
            }

            return ZoneSet.TryCreate(zones, out ZoneSet set, out IReadOnlyList<ZoneError> validation)
                ? new ZoneSetParseResult(set, [])
                : new ZoneSetParseResult(ZoneSet.Empty, validation);
        }
    }

    /// <summary>Writes zones in the same format <see cref="Parse(string)"/> reads (indented, camelCase).</summary>
    public static string Serialize(IReadOnlyList<ZoneDefinition> zones)
    {
        ArgumentNullException.ThrowIfNull(zones);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartArray();
            foreach (ZoneDefinition zone in zones)
            {
                ZoneJsonWriter.WriteZone(writer, zone);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>
    /// Writes only a point list, <c>[[x,y],...]</c> — the shape of the <c>points</c> field, e.g. for a database column
    /// holding one zone's coordinates.
    /// </summary>
    public static string SerializePoints(IReadOnlyList<Point2> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            ZoneJsonWriter.WritePoints(writer, points);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>
    /// Reads a point list written by <see cref="SerializePoints"/>. Checks the shape only (pairs of finite numbers);
    /// range and polygon rules are <see cref="ZoneValidator"/>'s job. Returns false with a message on bad input.
    /// </summary>
    public static bool TryParsePoints(string json, out Point2[] points, out string? error)
    {
        ArgumentNullException.ThrowIfNull(json);
        points = [];
        error = null;
        try
        {
            using JsonDocument document = JsonDocument.Parse(json, DocumentOptions);
            var errors = new List<ZoneError>();
            Point2[]? read = ZoneJsonReader.ReadPointArray(document.RootElement, "(points)", errors);
            if (read is null)
            {
                error = errors.Count > 0 ? $"{errors[0].Field}: {errors[0].Message}" : "points could not be read.";
                return false;
            }

            points = read;
            return true;
        }
        catch (JsonException ex)
        {
            error = "is not valid JSON: " + ex.Message;
            return false;
        }
    }

    /// <summary>The JSON name of an anchor: "bottom-center", "center" or "top-center".</summary>
    public static string AnchorName(AnchorPoint anchor) => anchor switch
    {
        AnchorPoint.Center => "center",
        AnchorPoint.TopCenter => "top-center",
        _ => "bottom-center",
    };

    private static ZoneSetParseResult Fail(ZoneError error) => new(ZoneSet.Empty, [error]);
}
