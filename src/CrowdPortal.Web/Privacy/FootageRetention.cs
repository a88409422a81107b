using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using CrowdPortal.Web.Services;
using Microsoft.EntityFrameworkCore;

namespace CrowdPortal.Web.Privacy;

/// <summary>
/// "Delete the footage after analysis, keep the counts": once an upload's analysis has completed, its clean plate is made
/// (so the dashboard still has a picture to draw zones on) and then its file is deleted. Counts, alerts, heatmap and
/// tracks stay; the video can no longer be analysed again.
/// </summary>
public sealed class FootageRetention(CrowdPortalDbContext db, CleanPlateFiles plates, UploadStorage storage, TimeProvider clock, ILogger<FootageRetention> logger)
{
    public enum Outcome
    {
        Done,
        NotFound,
    }

    /// <summary>Called when an analysis has completed: deletes the footage if the video asks for it.</summary>
    public async Task AfterAnalysisAsync(long videoId, CancellationToken ct)
    {
        var video = await db.Videos.FirstOrDefaultAsync(v => v.Id == videoId, ct);
        if (video is { DeleteFootageAfterAnalysis: true, Status: VideoStatus.Completed, FootageDeletedAt: null })
        {
            await DeleteFootageAsync(video, ct);
        }
    }

    /// <summary>The owner's choice; on an already analysed video, choosing deletion deletes the footage now.</summary>
    public async Task<Outcome> SetAsync(string userId, long videoId, bool deleteAfterAnalysis, CancellationToken ct)
    {
        var video = await db.Videos.FirstOrDefaultAsync(v => v.Id == videoId && v.UserId == userId && v.SourceKind == VideoSourceKind.Upload, ct);
        if (video is null)
        {
            return Outcome.NotFound;
        }

        video.DeleteFootageAfterAnalysis = deleteAfterAnalysis;
        await db.SaveChangesAsync(ct);
        await AfterAnalysisAsync(videoId, ct);
        return Outcome.Done;
    }

    private async Task DeleteFootageAsync(Video video, CancellationToken ct)
    {
        // The plate first: without it the dashboard would have no picture once the file is gone.
        if (await plates.JpegAsync(video, ct) is null)
        {
            logger.LogWarning("Video {VideoId}: no clean plate could be made, so its footage is kept", video.Id);
            return;
        }

        video.FootageDeletedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        storage.Delete(video.StoredPath);
        logger.LogInformation("Video {VideoId}: footage deleted after its analysis, as its owner chose; counts kept", video.Id);
    }
}
