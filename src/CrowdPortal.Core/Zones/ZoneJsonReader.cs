using System.Globalization;
using System.Text.Json;
using CrowdPortal.Core.Geometry;

namespace CrowdPortal.Core.Zones;

/// <summary>
/// Reads one zone object of the <see cref="ZoneSetJson"/> format, collecting an error (naming the zone and the field)
/// for every field of the wrong type instead of stopping at the first.
/// </summary>
internal static class ZoneJsonReader
{
    internal static ZoneDefinition? ReadZone(JsonElement element, int index, List<ZoneError> errors)
    {
        string position = "#" + (index + 1).ToString(CultureInfo.InvariantCulture);
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add(new ZoneError(position, "(zone)", "each zone must be a JSON object."));
            return null;
        }

        int before = errors.Count;
        string? zoneId = ReadId(element, position, errors);
        string name = string.IsNullOrWhiteSpace(zoneId) ? position : zoneId;

        string? label = ReadString(element, "label", name, errors);
        ZoneKind kind = ReadKind(element, name, errors);
        IReadOnlyList<Point2>? points = ReadPoints(element, name, errors);
        AnchorPoint anchor = ReadAnchor(element, name, errors);
        int? inertia = ReadInt(element, "inertia", name, errors);
        double? warning = ReadNumber(element, "warning", name, errors);
        double? critical = ReadNumber(element, "critical", name, errors);
        double? area = ReadNumber(element, "areaM2", name, errors);
        string? colour = ReadString(element, "colour", name, errors);
        if (TryGet(element, "threshold", out _))
        {
            // ARCHITECTURE's first sketch had one "threshold"; ignoring it silently would leave the user without alerts.
            errors.Add(new ZoneError(name, "threshold", "is not supported: give \"warning\" and/or \"critical\" instead."));
        }

        if (errors.Count > before)
        {
            return null;
        }

        return new ZoneDefinition
        {
            ZoneId = zoneId ?? string.Empty,
            Label = label ?? string.Empty,
            Kind = kind,
            Points = points ?? [],
            Anchor = anchor,
            InertiaFrames = inertia ?? ZoneDefinition.DefaultInertiaFrames,
            Warning = warning,
            Critical = critical,
            AreaM2 = area,
            Colour = colour,
        };
    }

    internal static bool TryGet(JsonElement obj, string name, out JsonElement value)
    {
        foreach (JsonProperty property in obj.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return value.ValueKind != JsonValueKind.Null;
            }
        }

        value = default;
        return false;
    }

    private static string? ReadId(JsonElement obj, string name, List<ZoneError> errors)
    {
        if (!TryGet(obj, "zoneId", out JsonElement value))
        {
            return null; // the validator reports "is required"
        }

        if (value.ValueKind == JsonValueKind.Number)
        {
            return value.GetRawText();
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(new ZoneError(name, "zoneId", "must be a string."));
            return null;
        }

        return value.GetString();
    }

    private static string? ReadString(JsonElement obj, string field, string name, List<ZoneError> errors)
    {
        if (!TryGet(obj, field, out JsonElement value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            errors.Add(new ZoneError(name, field, "must be a string."));
            return null;
        }

        return value.GetString();
    }

    private static double? ReadNumber(JsonElement obj, string field, string name, List<ZoneError> errors)
    {
        if (!TryGet(obj, field, out JsonElement value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out double number) || !double.IsFinite(number))
        {
            errors.Add(new ZoneError(name, field, "must be a finite number."));
            return null;
        }

        return number;
    }

    private static int? ReadInt(JsonElement obj, string field, string name, List<ZoneError> errors)
    {
        if (!TryGet(obj, field, out JsonElement value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out int number))
        {
            errors.Add(new ZoneError(name, field, "must be a whole number."));
            return null;
        }

        return number;
    }

    private static ZoneKind ReadKind(JsonElement obj, string name, List<ZoneError> errors)
    {
        string? text = ReadString(obj, "kind", name, errors);
        switch (text?.ToLowerInvariant())
        {
            case null:
            case "polygon":
                return ZoneKind.Polygon;
            case "line":
                return ZoneKind.Line;
            case "mask":
                return ZoneKind.Mask;
            default:
                errors.Add(new ZoneError(name, "kind", $"must be \"polygon\", \"line\" or \"mask\" (got \"{text}\")."));
                return ZoneKind.Polygon;
        }
    }

    private static AnchorPoint ReadAnchor(JsonElement obj, string name, List<ZoneError> errors)
    {
        string? text = ReadString(obj, "anchor", name, errors);
        switch (text?.ToLowerInvariant())
        {
            case null:
            case "bottom-center":
            case "bottomcenter":
                return AnchorPoint.BottomCenter;
            case "center":
                return AnchorPoint.Center;
            case "top-center":
            case "topcenter":
                return AnchorPoint.TopCenter;
            default:
                errors.Add(new ZoneError(name, "anchor", $"must be \"bottom-center\", \"center\" or \"top-center\" (got \"{text}\")."));
                return AnchorPoint.BottomCenter;
        }
    }

    private static IReadOnlyList<Point2>? ReadPoints(JsonElement obj, string name, List<ZoneError> errors)
    {
        if (!TryGet(obj, "points", out JsonElement value))
        {
            errors.Add(new ZoneError(name, "points", "is required: an array of [x, y] pairs, each between 0 and 1."));
            return null;
        }

        return ReadPointArray(value, name, errors);
    }

    internal static Point2[]? ReadPointArray(JsonElement value, string name, List<ZoneError> errors)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(new ZoneError(name, "points", "must be an array of [x, y] pairs."));
            return null;
        }

        int count = value.GetArrayLength();
        if (count > ZoneValidator.MaxPoints)
        {
            errors.Add(new ZoneError(name, "points", $"at most {ZoneValidator.MaxPoints} points are allowed (got {count})."));
            return null;
        }

        var points = new Point2[count];
        int i = 0;
        bool ok = true;
        foreach (JsonElement pair in value.EnumerateArray())
        {
            string field = "points[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2
                || !TryReadCoordinate(pair[0], out float x) || !TryReadCoordinate(pair[1], out float y))
            {
                errors.Add(new ZoneError(name, field, "must be a pair of finite numbers [x, y]."));
                ok = false;
            }
            else
            {
                points[i] = new Point2(x, y);
            }

            i++;
        }

        return ok ? points : null;
    }

    private static bool TryReadCoordinate(JsonElement element, out float value)
    {
        value = 0;
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out double d) || !double.IsFinite(d))
        {
            return false;
        }

        value = (float)d;
        return true;
    }
}
