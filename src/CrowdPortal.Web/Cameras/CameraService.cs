using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using CrowdPortal.Web.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrowdPortal.Web.Cameras;

/// <summary>
/// A user's cameras: IP cameras (stream URL stored encrypted) and browser webcams, kept as video rows so zones, counts,
/// alerts and CSV serve them like videos. Every query is filtered by the owner; another user's id looks like a missing one.
/// </summary>
public sealed class CameraService(
    CrowdPortalDbContext db,
    VideoService videos,
    CameraUrlProtector urls,
    CameraSupervisor supervisor,
    CameraRuntime runtime,
    WebcamSessions webcams,
    CameraLiveFigures figures,
    IOptions<Privacy.PrivacySettings> privacy,
    CameraAddressPolicy addresses,
    TimeProvider clock,
    ILogger<CameraService> logger)
{
    public const int MaxNameLength = 100;

    /// <summary>The outcome of adding a camera: the camera, or the sentence saying what is wrong with the request.</summary>
    public sealed record CreateResult(CameraDto? Camera, string? Error);

    public async Task<List<CameraDto>> ListAsync(string userId, CancellationToken ct)
    {
        var rows = await Cameras(userId).OrderBy(v => v.FileName).ThenBy(v => v.Id).ToListAsync(ct);
        var live = await figures.ForAsync(rows.Select(v => v.Id).ToList(), ct);
        return rows.Select(v => CameraDto.From(v, live.GetValueOrDefault(v.Id))).ToList();
    }

    public async Task<CameraDto?> FindAsync(string userId, long id, CancellationToken ct)
    {
        var row = await Cameras(userId).FirstOrDefaultAsync(v => v.Id == id, ct);
        return row is null ? null : await ToDtoAsync(row, ct);
    }

    /// <summary>Adds an IP camera (<paramref name="url"/> given) or a webcam (<paramref name="kind"/> "webcam", no URL).</summary>
    public async Task<CreateResult> CreateAsync(string userId, string? name, string? url, string? kind, CancellationToken ct)
    {
        name = name?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return new CreateResult(null, "Give the camera a name.");
        }

        if (name.Length > MaxNameLength)
        {
            return new CreateResult(null, $"The name is longer than {MaxNameLength} characters.");
        }

        bool isWebcam = string.Equals(kind, "webcam", StringComparison.OrdinalIgnoreCase);
        if (kind is not null && !isWebcam && !string.Equals(kind, "camera", StringComparison.OrdinalIgnoreCase))
        {
            return new CreateResult(null, "kind must be 'camera' (an IP camera with a URL) or 'webcam' (this browser's camera).");
        }

        var row = new Video
        {
            UserId = userId,
            PrivacyLevel = privacy.Value.Default,
            FileName = name,
            StoredPath = Path.Combine(userId, "camera-" + Guid.NewGuid().ToString("N")),
            SourceKind = isWebcam ? VideoSourceKind.Webcam : VideoSourceKind.Camera,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            ConnectionState = CameraConnection.Offline,
        };
        if (!isWebcam)
        {
            string? error = CameraUrl.Validate(url, out var uri);
            if (error is not null)
            {
                return new CreateResult(null, error);
            }

            error = await addresses.CheckSavedAsync(uri!, ct);
            if (error is not null)
            {
                logger.LogWarning("User {UserId} was refused a camera at {Url}: {Reason}", userId, CameraUrl.Redact(uri!), error);
                return new CreateResult(null, error);
            }

            row.StreamUrlProtected = urls.Protect(uri!.OriginalString.Trim());
            row.StreamUrlRedacted = CameraUrl.Redact(uri);
        }

        db.Videos.Add(row);
        await db.SaveChangesAsync(ct);
        logger.LogInformation("User {UserId} added {Kind} {CameraId} ({Url})", userId, row.SourceKind, row.Id, row.StreamUrlRedacted ?? "browser");
        return new CreateResult(CameraDto.From(row, live: null), null);
    }

    /// <summary>Enables (starts) or disables (stops) an IP camera's server-side analysis; null when there is no such camera.</summary>
    public async Task<CameraDto?> SetEnabledAsync(string userId, long id, bool enabled, CancellationToken ct)
    {
        var row = await db.Videos.FirstOrDefaultAsync(v => v.Id == id && v.UserId == userId && v.SourceKind == VideoSourceKind.Camera, ct);
        if (row is null)
        {
            return null;
        }

        row.Enabled = enabled;
        if (enabled)
        {
            row.Error = null; // why the server had stopped it, now answered by starting it again
        }

        await db.SaveChangesAsync(ct);
        await supervisor.ApplyEnabledAsync(id, enabled);

        logger.LogInformation("User {UserId} {Action} camera {CameraId}", userId, enabled ? "started" : "stopped", id);
        return await ToDtoAsync(row, ct);
    }

    /// <summary>True when the camera is the user's and is a webcam (what the webcam hub accepts frames for).</summary>
    public Task<Video?> FindWebcamAsync(string userId, long id, CancellationToken ct) =>
        db.Videos.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id && v.UserId == userId && v.SourceKind == VideoSourceKind.Webcam, ct);

    /// <summary>Stops the camera, then deletes it with its zones, counts and alerts.</summary>
    public async Task<bool> DeleteAsync(string userId, long id, CancellationToken ct)
    {
        if (!await Cameras(userId).AnyAsync(v => v.Id == id, ct))
        {
            return false;
        }

        await supervisor.StopAsync(id);
        await webcams.EndAsync(id);
        runtime.Forget(id);
        return await videos.DeleteAsync(userId, id, ct);
    }

    private IQueryable<Video> Cameras(string userId) =>
        db.Videos.AsNoTracking().Where(v => v.UserId == userId && v.SourceKind != VideoSourceKind.Upload);

    private async Task<CameraDto> ToDtoAsync(Video v, CancellationToken ct) => CameraDto.From(v, await figures.ForAsync(v.Id, ct));
}
