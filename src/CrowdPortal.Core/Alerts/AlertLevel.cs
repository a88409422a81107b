using System.Text.Json.Serialization;

namespace CrowdPortal.Core.Alerts;

/// <summary>Crowding level of a zone, ordered: Normal &lt; Warning &lt; Critical. In JSON: "normal", "warning", "critical".</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertLevel>))]
public enum AlertLevel
{
    [JsonStringEnumMemberName("normal")]
    Normal = 0,
    [JsonStringEnumMemberName("warning")]
    Warning = 1,
    [JsonStringEnumMemberName("critical")]
    Critical = 2,
}
