using CrowdPortal.Data.Entities;

namespace CrowdPortal.Web.Cameras;

/// <summary>
/// A camera as the API and pages show it. <c>url</c> is redacted (credentials and query hidden); the stored URL is never
/// returned. <c>kind</c> is <c>camera</c> (IP camera analysed by the server) or <c>webcam</c> (frames from a browser).
/// Count and alert times (<c>ts</c>) of a camera are seconds since <c>createdAt</c>.
/// </summary>
public sealed record CameraDto(
    long Id,
    string Name,
    string Kind,
    string? Url,
    bool Enabled,
    string State,
    DateTime? LastFrameAt,
    double Fps,
    long DroppedSamples,
    int BufferedBatches,
    DateTime CreatedAt)
{
    public static CameraDto From(Video v, CameraLiveState? live, bool running)
    {
        string state = running && live is not null ? live.Connection : v.SourceKind == VideoSourceKind.Webcam && live is not null ? live.Connection : CameraConnection.Offline;
        return new CameraDto(
            v.Id,
            v.FileName,
            v.SourceKind == VideoSourceKind.Webcam ? "webcam" : "camera",
            v.StreamUrlRedacted,
            v.Enabled,
            state,
            Utc(live?.LastFrameAt ?? v.LastFrameAt),
            running || (live is not null && v.SourceKind == VideoSourceKind.Webcam && live.Connection == CameraConnection.Online) ? Math.Round(live?.Fps ?? 0, 1) : 0,
            Math.Max(live?.DroppedSamples ?? 0, v.DroppedSamples),
            live?.BufferedBatches ?? 0,
            Utc(v.CreatedAt)!.Value);
    }

    private static DateTime? Utc(DateTime? value) => value is DateTime d ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : null;
}
