using CrowdPortal.Core.Zones;
using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using CrowdPortal.Vision.Pipeline;
using CrowdPortal.Vision.Sources;
using CrowdPortal.Web.Cluster;
using CrowdPortal.Web.Notifications;
using CrowdPortal.Web.Privacy;
using CrowdPortal.Web.Services;
using Hangfire;
using Hangfire.Server;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrowdPortal.Web.Analysis;

/// <summary>
/// Analyses one video from start to end, as a Hangfire job on whichever worker fetched it: clears the previous results,
/// runs the pipeline into the database, the live view, the track log and the heatmap, and records how it ended. A run
/// interrupted by shutdown is put back in the queued state and its job back in the queue (or, in the single-process
/// portal, queued again at the next start by <see cref="AnalysisRecovery"/>); a run whose worker died is given to
/// another worker by the job storage. Either way the re-run starts from the beginning and replaces the rows it finds.
/// </summary>
public sealed class AnalysisJob(
    IServiceScopeFactory scopes,
    UploadStorage storage,
    DetectorProvider detectors,
    AnalysisNotifier notifier,
    NotificationEvents events,
    LocalWork work,
    JobStorage jobStorage,
    IHostApplicationLifetime lifetime,
    IOptions<AnalysisSettings> settings,
    TimeProvider clock,
    ILogger<AnalysisJob> logger)
{
    /// <param name="videoId">The video to analyse.</param>
    /// <param name="context">Hangfire's context (null when enqueued; Hangfire fills it in).</param>
    /// <param name="cancellationToken">
    /// Hangfire's token: cancelled at shutdown and when the job is deleted (Cancel on any web node) or taken over.
    /// </param>
    // No automatic retry: the job records its own failures on the video row; interruptions come back by other ways.
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(long videoId, PerformContext? context, CancellationToken cancellationToken)
    {
        work.Started(videoId);
        try
        {
            await RunCoreAsync(videoId, context?.BackgroundJob.Id, cancellationToken);
        }
        finally
        {
            work.Ended(videoId);
        }
    }

    private async Task RunCoreAsync(long videoId, string? jobId, CancellationToken stop)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
        var video = await db.Videos.FirstOrDefaultAsync(v => v.Id == videoId, stop);
        if (video is null)
        {
            return;
        }

        var zoneRows = await db.VideoZones.AsNoTracking().Where(z => z.VideoId == videoId).OrderBy(z => z.SortOrder).ToListAsync(stop);
        var zones = ZoneSet.Create(zoneRows.Select(ZoneRowMapper.ToZone).ToList());
        await db.ZoneCounts.Where(c => c.VideoId == videoId).ExecuteDeleteAsync(stop);
        await db.ZoneTotals.Where(t => t.VideoId == videoId).ExecuteDeleteAsync(stop);
        await db.Alerts.Where(a => a.VideoId == videoId).ExecuteDeleteAsync(stop);
        foreach (string derived in DerivedFiles.All(video.StoredPath))
        {
            storage.Delete(derived);
        }

        await SetStatusAsync(db, video, VideoStatus.Analysing, error: null, started: true);
        logger.LogInformation("Analysis of video {VideoId} started ({Zones} zones)", videoId, zones.Zones.Count);

        var writer = new ResultWriter(db, video, new ZoneLabels(zones), notifier, storage.ToAbsolute(DerivedFiles.CountsLog(video.UserId)),
            events).Start();
        try
        {
            AnalysisSummary summary;
            using (var detector = detectors.Create(video.ModelName, "upload " + videoId, video.Tiling, video.FarArea))
            using (var source = new VideoFileSource(storage.ToAbsolute(video.StoredPath)))
            using (var tracks = new TrackLogSink(storage.ToAbsolute(DerivedFiles.Tracks(video.StoredPath))))
            using (var heatmap = new HeatmapSink(storage.ToAbsolute(DerivedFiles.Heatmap(video.StoredPath)), video.PrivacyLevel,
                scope.ServiceProvider.GetRequiredService<PictureProtector>(), storage.ToAbsolute(DerivedFiles.Plate(video.StoredPath))))
            {
                var pipeline = new AnalysisPipeline(detector, zones, new AnalysisOptions { FrameStride = settings.Value.FrameStride });
                var live = new LiveSink(videoId, notifier, settings.Value.LiveFramesPerSecond);
                var progress = new ProgressReporter(videoId, writer, notifier);
                summary = await pipeline.RunAsync(source, [writer, live, tracks, heatmap], progress, stop);
            }

            await writer.CompleteAsync();
            video.AnalysisSeconds = Math.Round(summary.Elapsed.TotalSeconds, 2);
            video.AnalysedFrames = (int)summary.FramesDecoded;
            video.Progress = 1;
            await SetStatusAsync(db, video, VideoStatus.Completed, error: null);
            await scope.ServiceProvider.GetRequiredService<FootageRetention>().AfterAnalysisAsync(videoId, CancellationToken.None);
            logger.LogInformation("Analysis of video {VideoId} completed: {Frames} frames in {Seconds:0.0} s ({Speed:0.0}x real time)",
                videoId, summary.FramesDecoded, summary.Elapsed.TotalSeconds, summary.TimesRealTime);
        }
        catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            await FinishQuietlyAsync(writer);
            logger.LogInformation("Analysis of video {VideoId} interrupted by shutdown; it will run again", videoId);
            await SetStatusAsync(db, video, VideoStatus.Queued, error: null, token: CancellationToken.None);
            throw; // Hangfire puts a job interrupted by shutdown back in its queue
        }
        catch (OperationCanceledException)
        {
            if (jobId is not null && !IsDeleted(jobId))
            {
                // Not a Cancel: the storage gave the job to another worker (this one was taken for dead); that one owns the row now.
                logger.LogWarning("Analysis of video {VideoId} was taken over by another worker; stopping here", videoId);
                await FinishQuietlyAsync(writer);
                return;
            }

            // Logged as soon as the pipeline has stopped; the rows already handed over are stored next.
            logger.LogInformation("Analysis of video {VideoId} cancelled", videoId);
            await FinishQuietlyAsync(writer);
            await SetStatusAsync(db, video, VideoStatus.Cancelled, error: null, token: CancellationToken.None);
        }
        catch (UnknownModelException ex)
        {
            await FinishQuietlyAsync(writer);
            logger.LogWarning("Analysis of video {VideoId} not run: model {Model} is not installed", videoId, ex.Model);
            await SetStatusAsync(db, video, VideoStatus.Failed, ex.Message, token: CancellationToken.None);
        }
        catch (VideoSourceException ex)
        {
            await FinishQuietlyAsync(writer);
            await SetStatusAsync(db, video, VideoStatus.Failed, "The video could not be read to the end: " + ex.Message);
        }
        catch (Exception ex)
        {
            await FinishQuietlyAsync(writer);
            logger.LogError(ex, "Analysis of video {VideoId} failed", videoId);
            await SetStatusAsync(db, video, VideoStatus.Failed, "The analysis failed unexpectedly. Try again; if it fails again, tell your administrator.",
                token: CancellationToken.None);
        }
    }

    private bool IsDeleted(string jobId)
    {
        using var connection = jobStorage.GetConnection();
        return connection.GetStateData(jobId)?.Name == DeletedState.StateName;
    }

    /// <summary>Lets already handed-over rows land (they are valid) without letting a write error hide the real one.</summary>
    private async Task FinishQuietlyAsync(ResultWriter writer)
    {
        try
        {
            await writer.CompleteAsync();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Storing the last results of an interrupted analysis failed");
        }
    }

    private async Task SetStatusAsync(CrowdPortalDbContext db, Video video, VideoStatus status, string? error, bool started = false, CancellationToken token = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        video.Status = status;
        video.Error = error;
        if (started)
        {
            video.AnalysisStartedAt = now;
            video.AnalysisFinishedAt = null;
            video.Progress = 0;
            video.AnalysedFrames = 0;
            video.AnalysisSeconds = null;
        }
        else if (status is VideoStatus.Completed or VideoStatus.Failed or VideoStatus.Cancelled)
        {
            video.AnalysisFinishedAt = now;
        }

        db.ChangeTracker.Clear();
        db.Videos.Update(video);
        // analysis.completed/failed goes to the outbox in the same save as the status it reports.
        if (events.ForAnalysis(video) is { } finished)
        {
            db.NotificationOutbox.Add(finished);
        }

        await db.SaveChangesAsync(token);
        string name = status.ToString().ToLowerInvariant();
        notifier.Progress(new ProgressMessage(video.Id, name, video.Progress, video.AnalysedFrames, 0, null));
        if (!started && status != VideoStatus.Queued)
        {
            notifier.Completed(new CompletedMessage(video.Id, name, error));
        }
    }

    /// <summary>Forwards pipeline progress to the live view at once and to the video row through the writer.</summary>
    private sealed class ProgressReporter(long videoId, ResultWriter writer, AnalysisNotifier notifier) : IProgress<AnalysisProgress>
    {
        private long _lastStored = -1;

        public void Report(AnalysisProgress value)
        {
            double fraction = value.Fraction ?? 0;
            notifier.Progress(new ProgressMessage(videoId, "analysing", Math.Round(fraction, 4), value.FramesDecoded,
                Math.Round(value.FramesPerSecond, 1), value.Remaining?.TotalSeconds is { } eta ? Math.Round(eta, 1) : null));
            long second = (long)value.Elapsed.TotalSeconds;
            if (second != _lastStored)
            {
                _lastStored = second;
                writer.ReportProgress(fraction, value.FramesDecoded);
            }
        }
    }
}
