using System.Text.Json.Serialization;

namespace CrowdPortal.Data.Entities;

/// <summary>
/// What feeds a video row. Live cameras are "videos that never end", so zones, counts, alerts and CSV serve all kinds
/// from the same tables. In JSON: "upload", "camera", "webcam" (the database keeps the member names).
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<VideoSourceKind>))]
public enum VideoSourceKind
{
    [JsonStringEnumMemberName("upload")]
    Upload = 0,
    [JsonStringEnumMemberName("camera")]
    Camera = 1,
    [JsonStringEnumMemberName("webcam")]
    Webcam = 2,
}
