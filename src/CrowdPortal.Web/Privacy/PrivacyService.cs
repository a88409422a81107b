using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using CrowdPortal.Web.Analysis;
using CrowdPortal.Web.Cameras;
using CrowdPortal.Web.Services;
using Microsoft.EntityFrameworkCore;

namespace CrowdPortal.Web.Privacy;

/// <summary>
/// Changes the privacy level of a user's video or camera. Raising it takes effect at once: a running camera's next
/// picture is made for the new level and its current one is dropped (on whichever node runs it), and a heatmap drawn over a picture of the lower
/// level is deleted (the next analysis, or the camera within a minute, draws it again). Lowering it shows people again,
/// so it needs the owner's confirmation and is logged.
/// </summary>
public sealed class PrivacyService(CrowdPortalDbContext db, CameraChanges cameras, UploadStorage storage, ILogger<PrivacyService> logger)
{
    public enum Outcome
    {
        Changed,
        NotFound,
        NeedsConfirmation,
    }

    public async Task<Outcome> SetAsync(string userId, long videoId, PrivacyLevel level, bool confirmLower, CancellationToken ct)
    {
        var video = await db.Videos.FirstOrDefaultAsync(v => v.Id == videoId && v.UserId == userId, ct);
        if (video is null)
        {
            return Outcome.NotFound;
        }

        PrivacyLevel old = video.PrivacyLevel;
        if (level < old && !confirmLower)
        {
            return Outcome.NeedsConfirmation;
        }

        if (level == old)
        {
            return Outcome.Changed;
        }

        video.PrivacyLevel = level;
        await db.SaveChangesAsync(ct);
        if (video.SourceKind != VideoSourceKind.Upload)
        {
            // Wherever the camera runs (this process, or a worker in cluster mode), its next picture is made for the new level.
            await cameras.PublishAsync(CameraChange.PrivacyOf(videoId, level));
        }

        if (level > old)
        {
            storage.Delete(DerivedFiles.Heatmap(video.StoredPath));
            logger.LogInformation("User {UserId} raised the privacy of video {VideoId} from {Old} to {New}",
                userId, videoId, PrivacyLevels.Name(old), PrivacyLevels.Name(level));
        }
        else
        {
            logger.LogWarning("User {UserId} lowered the privacy of video {VideoId} from {Old} to {New} (confirmed)",
                userId, videoId, PrivacyLevels.Name(old), PrivacyLevels.Name(level));
        }

        return Outcome.Changed;
    }
}
