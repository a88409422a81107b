using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using CrowdPortal.Web.ViewModels;
using Microsoft.EntityFrameworkCore;

namespace CrowdPortal.Web.Analysis;

/// <summary>Starts and cancels the analysis of a user's video (the API's and the dashboard's verbs).</summary>
public sealed class AnalysisService(
    CrowdPortalDbContext db, AnalysisJobs jobs, DetectorProvider detectors, AnalysisNotifier notifier, TimeProvider clock, ILogger<AnalysisService> logger)
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

        // Claimed by a conditional update, so two presses (on two web nodes) cannot queue the video twice.
        int claimed = await db.Videos
            .Where(v => v.Id == videoId && v.Status != VideoStatus.Queued && v.Status != VideoStatus.Analysing)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Status, VideoStatus.Queued).SetProperty(v => v.Progress, 0)
                .SetProperty(v => v.Error, (string?)null).SetProperty(v => v.ModelName, model), ct);
        if (claimed == 0)
        {
            return (Outcome.Conflict, video);
        }

        await db.Entry(video).ReloadAsync(ct);
        jobs.Enqueue(videoId);
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

        switch (jobs.Cancel(videoId))
        {
            case AnalysisJobs.CancelOutcome.Stopping:
                logger.LogInformation("User {UserId} cancelled the running analysis of video {VideoId}", userId, videoId);
                return (Outcome.Done, video);
            case AnalysisJobs.CancelOutcome.Dequeued:
                // No worker will ever see this job: the row is told here.
                var now = clock.GetUtcNow().UtcDateTime;
                await db.Videos.Where(v => v.Id == videoId && v.Status == VideoStatus.Queued)
                    .ExecuteUpdateAsync(s => s.SetProperty(v => v.Status, VideoStatus.Cancelled).SetProperty(v => v.AnalysisFinishedAt, now), CancellationToken.None);
                notifier.Completed(new CompletedMessage(videoId, "cancelled", null));
                logger.LogInformation("User {UserId} cancelled the queued analysis of video {VideoId}", userId, videoId);
                return (Outcome.Done, video);
            default:
                return (Outcome.Conflict, video);
        }
    }
}
