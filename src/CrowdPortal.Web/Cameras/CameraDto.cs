using CrowdPortal.Data.Entities;

namespace CrowdPortal.Web.Cameras;

/// <summary>
/// A camera as the API and pages show it. <c>url</c> is redacted (credentials and query hidden); the stored URL is never
/// returned. <c>kind</c> is <c>camera</c> (IP camera analysed by the server) or <c>webcam</c> (frames from a browser).
/// Count and alert times (<c>ts</c>) of a camera are seconds since <c>createdAt</c>. <c>lastError</c> says why a
/// camera is not online (credentials hidden), or why the server stopped it (kept until it is started again).
/// </summary>
public sealed record CameraDto(
    long Id,
    string Name,
    VideoSourceKind Kind,
    string? Url,
    bool Enabled,
    CameraConnection State,
    DateTime? LastFrameAt,
    double Fps,
    long DroppedSamples,
    int BufferedBatches,
    string? LastError,
    DateTime CreatedAt,
    string PrivacyLevel,
    string Tiling,
    ViewModels.FarAreaDto? FarArea)
{
    /// <param name="v">The camera's row.</param>
    /// <param name="live">Its live figures, if it runs now or ran in this process since the app started.</param>
    public static CameraDto From(Video v, CameraFigures? live)
    {
        var now = live is { Running: true } ? live : null;
        return new CameraDto(
            v.Id,
            v.FileName,
            v.SourceKind,
            v.StreamUrlRedacted,
            v.Enabled,
            now?.Connection ?? CameraConnection.Offline,
            Utc(live?.LastFrameAt ?? v.LastFrameAt),
            Math.Round(now?.Fps ?? 0, 1),
            Math.Max(live?.DroppedSamples ?? 0, v.DroppedSamples),
            now?.BufferedBatches ?? 0,
            now?.LastError ?? v.Error,
            Utc(v.CreatedAt)!.Value,
            Privacy.PrivacyLevels.Name(v.PrivacyLevel),
            Core.Analysis.TilingModes.Name(v.Tiling),
            ViewModels.FarAreaDto.From(v.FarArea));
    }

    /// <summary>The Bootstrap badge class of a connection state (the pages' scripts use the same mapping).</summary>
    public static string BadgeClass(CameraConnection state) => state switch
    {
        CameraConnection.Online => "text-bg-success",
        CameraConnection.Reconnecting => "text-bg-warning",
        CameraConnection.Connecting => "text-bg-info",
        _ => "text-bg-secondary",
    };

    private static DateTime? Utc(DateTime? value) => value is DateTime d ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : null;
}
