using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CrowdPortal.Web.Services;

/// <summary>
/// Reads and deletes a user's videos. Every query is filtered by the owner, so another user's id looks exactly like an id
/// that does not exist.
/// </summary>
public sealed class VideoService(CrowdPortalDbContext db, UploadStorage storage, ILogger<VideoService> logger)
{
    public Task<List<Video>> ListAsync(string userId, CancellationToken ct) =>
        db.Videos.AsNoTracking().Where(v => v.UserId == userId && v.SourceKind == VideoSourceKind.Upload).OrderByDescending(v => v.CreatedAt).ThenByDescending(v => v.Id).ToListAsync(ct);

    public Task<Video?> FindAsync(string userId, long id, CancellationToken ct) =>
        db.Videos.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id && v.UserId == userId, ct);

    /// <summary>Every stored count sample of a video, in time then zone order (callers check ownership first).</summary>
    public Task<List<ZoneCount>> CountRowsAsync(long videoId, CancellationToken ct) =>
        db.ZoneCounts.AsNoTracking().Where(c => c.VideoId == videoId).OrderBy(c => c.Ts).ThenBy(c => c.ZoneId).ToListAsync(ct);

    /// <summary>
    /// Deletes the video's rows (zones, counts and alerts go with it by cascade), then its file. False when the user
    /// has no such video.
    /// </summary>
    public async Task<bool> DeleteAsync(string userId, long id, CancellationToken ct)
    {
        var video = await db.Videos.FirstOrDefaultAsync(v => v.Id == id && v.UserId == userId, ct);
        if (video is null)
        {
            return false;
        }

        db.Videos.Remove(video);
        await db.SaveChangesAsync(ct);
        try
        {
            storage.Delete(video.StoredPath);
            foreach (string derived in Analysis.DerivedFiles.All(video.StoredPath))
            {
                storage.Delete(derived);
            }
        }
        catch (IOException ex)
        {
            logger.LogWarning(ex, "Video {VideoId} was deleted but its file could not be removed", id);
        }

        logger.LogInformation("User {UserId} deleted video {VideoId}", userId, id);
        return true;
    }
}
