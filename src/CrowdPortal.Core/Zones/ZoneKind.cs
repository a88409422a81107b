using System.Text.Json.Serialization;

namespace CrowdPortal.Core.Zones;

/// <summary>What a zone does with the people in it. In JSON: "polygon", "line" or "mask".</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ZoneKind>))]
public enum ZoneKind
{
    /// <summary>An area: occupancy (with inertia), entries, exits, dwell time, density, alerts.</summary>
    [JsonStringEnumMemberName("polygon")]
    Polygon = 0,

    /// <summary>A directed line of exactly 2 points: in/out crossings.</summary>
    [JsonStringEnumMemberName("line")]
    Line = 1,

    /// <summary>An ignore area: detections whose anchor lies inside are dropped before tracking and counting.</summary>
    [JsonStringEnumMemberName("mask")]
    Mask = 2,
}
