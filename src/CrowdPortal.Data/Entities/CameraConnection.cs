using System.Text.Json.Serialization;

namespace CrowdPortal.Data.Entities;

/// <summary>
/// A camera's connection state. In JSON and on the camera's row: "offline", "connecting", "online", "reconnecting"
/// (<see cref="CameraConnectionNames"/>): the lower-case strings the portal has always stored and sent.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<CameraConnection>))]
public enum CameraConnection
{
    /// <summary>Not being analysed (stopped, never started, or its runner ended).</summary>
    [JsonStringEnumMemberName("offline")]
    Offline = 0,

    /// <summary>Started, the first frame not yet read.</summary>
    [JsonStringEnumMemberName("connecting")]
    Connecting = 1,

    /// <summary>Frames arrive and are analysed.</summary>
    [JsonStringEnumMemberName("online")]
    Online = 2,

    /// <summary>The stream failed or stalled; retried with back-off.</summary>
    [JsonStringEnumMemberName("reconnecting")]
    Reconnecting = 3,
}

/// <summary>The one place a connection state becomes its string and back (database column, pages).</summary>
public static class CameraConnectionNames
{
    public static string Name(this CameraConnection connection) => connection switch
    {
        CameraConnection.Connecting => "connecting",
        CameraConnection.Online => "online",
        CameraConnection.Reconnecting => "reconnecting",
        _ => "offline",
    };

    /// <summary>The state a stored string names; one this version does not know reads as offline.</summary>
    public static CameraConnection Parse(string name) => name switch
    {
        "connecting" => CameraConnection.Connecting,
        "online" => CameraConnection.Online,
        "reconnecting" => CameraConnection.Reconnecting,
        _ => CameraConnection.Offline,
    };
}
