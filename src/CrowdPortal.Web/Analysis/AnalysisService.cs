using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CrowdPortal.Web.Analysis;

/// <summary>Starts and cancels the analysis of a user's video (the API's and the dashboard's verbs).</summary>
public sealed class AnalysisService(CrowdPortalDbContext db, AnalysisQueue queue, DetectorProvider detectors, ILogger<AnalysisService> logger)
{
    public enum Outcome
    {
        Done,
        NotFound,
        Conflict,
        UnknownModel,
        FootageDeleted,
    }

    /// <summary>Queues the video; re-running replaces the previous results.</summary>
    public async Task<(Outcome Outcome, Video? Video)> StartAsync(string userId, long videoId, string? model, CancellationToken ct)
    {
        // Cameras are video rows too, but are analysed live (Cameras/): a file analysis would replace their history.
        var video = await db.Videos.FirstOrDefaultAsync(v => v.Id == videoId && v.UserId == userId && v.SourceKind == VideoSourceKind.Upload, ct);
        if (video is null)
        {
            return (Outcome.NotFound, null);
        }

        if (video.FootageDeletedAt is not null)
        {
            return (Outcome.FootageDeleted, video);
        }

        if (model is not null && !detectors.Exists(model))
        {
            return (Outcome.UnknownModel, video);
        }

        if (queue.IsActive(videoId) || video.Status is VideoStatus.Queued or VideoStatus.Analysing)
        {
            return (Outcome.Conflict, video);
        }

        video.Status = VideoStatus.Queued;
        video.Progress = 0;
        video.Error = null;
        video.ModelName = model;
        await db.SaveChangesAsync(ct);
        queue.TryEnqueue(videoId);
        logger.LogInformation("User {UserId} queued video {VideoId} for analysis", userId, videoId);
        return (Outcome.Done, video);
    }

    /// <summary>Asks a queued or running analysis to stop; the job records the cancellation when it has stopped.</summary>
    public async Task<(Outcome Outcome, Video? Video)> CancelAsync(string userId, long videoId, CancellationToken ct)
    {
        var video = await db.Videos.AsNoTracking().FirstOrDefaultAsync(v => v.Id == videoId && v.UserId == userId, ct);
        if (video is null)
        {
            return (Outcome.NotFound, null);
        }

        return queue.Cancel(videoId) ? (Outcome.Done, video) : (Outcome.Conflict, video);
    }
}
