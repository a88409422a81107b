using CrowdPortal.Core.Zones;
using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using CrowdPortal.Vision.Pipeline;
using CrowdPortal.Vision.Sources;
using CrowdPortal.Web.Privacy;
using CrowdPortal.Web.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrowdPortal.Web.Analysis;

/// <summary>
/// Analyses one video from start to end: clears the previous results, runs the pipeline into the database, the live
/// view, the track log and the heatmap, and records how it ended. A run interrupted by shutdown is put back in the
/// queue state so that the next start re-runs it from the beginning (its rows are replaced, never duplicated).
/// </summary>
public sealed class AnalysisJob(
    IServiceScopeFactory scopes,
    UploadStorage storage,
    DetectorProvider detectors,
    AnalysisNotifier notifier,
    IOptions<AnalysisSettings> settings,
    TimeProvider clock,
    ILogger<AnalysisJob> logger)
{
    public async Task RunAsync(long videoId, CancellationToken cancelled, CancellationToken shutdown)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
        var video = await db.Videos.FirstOrDefaultAsync(v => v.Id == videoId, shutdown);
        if (video is null)
        {
            return;
        }

        if (cancelled.IsCancellationRequested)
        {
            // Cancelled while still waiting in the queue: the previous results stay as they were.
            await SetStatusAsync(db, video, VideoStatus.Cancelled, error: null);
            return;
        }

        var zoneRows = await db.VideoZones.AsNoTracking().Where(z => z.VideoId == videoId).OrderBy(z => z.SortOrder).ToListAsync(shutdown);
        var zones = ZoneSet.Create(zoneRows.Select(ZoneRowMapper.ToZone).ToList());
        await db.ZoneCounts.Where(c => c.VideoId == videoId).ExecuteDeleteAsync(shutdown);
        await db.Alerts.Where(a => a.VideoId == videoId).ExecuteDeleteAsync(shutdown);
        foreach (string derived in DerivedFiles.All(video.StoredPath))
        {
            storage.Delete(derived);
        }

        await SetStatusAsync(db, video, VideoStatus.Analysing, error: null, started: true);
        logger.LogInformation("Analysis of video {VideoId} started ({Zones} zones)", videoId, zones.Zones.Count);

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancelled, shutdown);
        var writer = new ResultWriter(db, video, new ZoneLabels(zones), notifier, storage.ToAbsolute(DerivedFiles.CountsLog(video.UserId)));
        try
        {
            AnalysisSummary summary;
            using (var detector = detectors.Create(video.ModelName))
            using (var source = new VideoFileSource(storage.ToAbsolute(video.StoredPath)))
            using (var tracks = new TrackLogSink(storage.ToAbsolute(DerivedFiles.Tracks(video.StoredPath))))
            using (var heatmap = new HeatmapSink(storage.ToAbsolute(DerivedFiles.Heatmap(video.StoredPath)), video.PrivacyLevel,
                scope.ServiceProvider.GetRequiredService<PictureProtector>(), storage.ToAbsolute(DerivedFiles.Plate(video.StoredPath))))
            {
                var pipeline = new AnalysisPipeline(detector, zones, new AnalysisOptions { FrameStride = settings.Value.FrameStride });
                var live = new LiveSink(videoId, notifier, settings.Value.LiveFramesPerSecond);
                var progress = new ProgressReporter(videoId, writer, notifier);
                summary = await pipeline.RunAsync(source, [writer, live, tracks, heatmap], progress, stop.Token);
            }

            await writer.CompleteAsync();
            video.AnalysisSeconds = Math.Round(summary.Elapsed.TotalSeconds, 2);
            video.AnalysedFrames = (int)summary.FramesDecoded;
            video.Progress = 1;
            await SetStatusAsync(db, video, VideoStatus.Completed, error: null);
            await scope.ServiceProvider.GetRequiredService<FootageRetention>().AfterAnalysisAsync(videoId, shutdown);
            logger.LogInformation("Analysis of video {VideoId} completed: {Frames} frames in {Seconds:0.0} s ({Speed:0.0}x real time)",
                videoId, summary.FramesDecoded, summary.Elapsed.TotalSeconds, summary.TimesRealTime);
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            await FinishQuietlyAsync(writer);
            logger.LogInformation("Analysis of video {VideoId} interrupted by shutdown; it will run again at the next start", videoId);
            await SetStatusAsync(db, video, VideoStatus.Queued, error: null, token: CancellationToken.None);
        }
        catch (OperationCanceledException)
        {
            await FinishQuietlyAsync(writer);
            await SetStatusAsync(db, video, VideoStatus.Cancelled, error: null);
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
