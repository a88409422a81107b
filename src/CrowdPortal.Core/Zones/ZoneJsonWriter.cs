using System.Text.Json;
using CrowdPortal.Core.Geometry;

namespace CrowdPortal.Core.Zones;

/// <summary>Writes zones in the <see cref="ZoneSetJson"/> format.</summary>
internal static class ZoneJsonWriter
{
    internal static void WriteZone(Utf8JsonWriter writer, ZoneDefinition zone)
    {
        writer.WriteStartObject();
        writer.WriteString("zoneId", zone.ZoneId);
        writer.WriteString("label", zone.Label);
        writer.WriteString("kind", zone.Kind.ToString().ToLowerInvariant());
        writer.WritePropertyName("points");
        WritePoints(writer, zone.Points);
        WriteOptional(writer, "warning", zone.Warning);
        WriteOptional(writer, "critical", zone.Critical);
        WriteOptional(writer, "areaM2", zone.AreaM2);
        if (zone.Colour is null)
        {
            writer.WriteNull("colour");
        }
        else
        {
            writer.WriteString("colour", zone.Colour);
        }

        writer.WriteString("anchor", ZoneSetJson.AnchorName(zone.Anchor));
        writer.WriteNumber("inertia", zone.InertiaFrames);
        writer.WriteEndObject();
    }

    internal static void WritePoints(Utf8JsonWriter writer, IReadOnlyList<Point2> points)
    {
        writer.WriteStartArray();
        foreach (Point2 p in points)
        {
            writer.WriteStartArray();
            writer.WriteNumberValue(p.X);
            writer.WriteNumberValue(p.Y);
            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is double v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
