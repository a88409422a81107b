using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using CrowdPortal.Vision.Detectors;
using CrowdPortal.Vision.Pipeline;
using CrowdPortal.Vision.Sources;
using CrowdPortal.Web.Analysis;
using CrowdPortal.Web.Privacy;
using CrowdPortal.Web.Services;
using Microsoft.Extensions.Options;

namespace CrowdPortal.Web.Cameras;

/// <summary>
/// Analyses one live source — an IP camera's stream (<see cref="CameraAnalysisRunner"/>) or the frames a browser pushes
/// for a webcam (<see cref="WebcamSessions"/>) — until it is stopped or the source ends. Every live source gets the same
/// sinks: the fresh-frame gate, the result writer, the live view, the camera's picture and status, and its heatmap (a
/// webcam adds its answer to the page). When the zones change the pipeline restarts on the same source with the new
/// zones; a privacy change reaches the pictures without a restart (<see cref="CameraSettingsWatch"/>). Row times are
/// whole seconds since the camera was added (<see cref="Video.CreatedAt"/>) plus the source's clock.
/// </summary>
public sealed class LiveAnalysisHost(
    IServiceScopeFactory scopes,
    UploadStorage storage,
    DetectorProvider detectors,
    CameraRuntime runtime,
    CameraChanges changes,
    CameraNotifier cameraNotifier,
    AnalysisNotifier notifier,
    IOptions<CameraSettings> cameraSettings,
    IOptions<AnalysisSettings> analysisSettings,
    PictureProtector pictures,
    IOptions<PrivacySettings> privacy,
    TimeProvider clock,
    ILogger<LiveAnalysisHost> logger)
{
    private static readonly TimeSpan DatabaseRetry = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan FailureRetry = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Analyses <paramref name="frames"/> as <paramref name="camera"/> until <paramref name="stop"/> is cancelled or the
    /// source ends. <paramref name="pageSink"/>, when given, builds one more sink for each set of zones.
    /// </summary>
    /// <exception cref="OperationCanceledException">Stopped before the analysis began.</exception>
    internal async Task RunAsync(Video camera, IFrameSource frames, CancellationToken stop, Func<ZoneLabels, IAnalysisSink>? pageSink = null)
    {
        var state = runtime.For(camera.Id);
        state.SeedDropped(camera.DroppedSamples);
        state.SetPrivacy(camera.PrivacyLevel);
        var run = new Run(camera, frames, state, Math.Floor((clock.GetUtcNow().UtcDateTime - camera.CreatedAt).TotalSeconds), pageSink);
        using var watch = new CameraSettingsWatch(camera.Id, changes, scopes, state, TimeSpan.FromSeconds(cameraSettings.Value.ZoneCheckSeconds), logger);
        var zones = await LoadZonesAsync(camera.Id, stop);
        using var detector = detectors.CreateForCamera(camera.ModelName, camera.Id, camera.Tiling, camera.FarArea);
        logger.LogInformation("{Kind} {CameraId} started ({Zones} zones, detector {Detector})",
            camera.SourceKind, camera.Id, zones.Zones.Zones.Count, detector.Name);

        while (!stop.IsCancellationRequested)
        {
            var (ended, edited) = await RunWithZonesAsync(run, zones, detector, watch, stop);
            if (ended)
            {
                break;
            }

            if (edited is not null)
            {
                logger.LogInformation("{Kind} {CameraId}: zones changed; counting with the new zones", camera.SourceKind, camera.Id);
                zones = edited;
            }
        }
    }

    /// <summary>What stays the same across restarts of one camera's run.</summary>
    private sealed record Run(Video Camera, IFrameSource Frames, CameraLiveState State, double TimeOffset, Func<ZoneLabels, IAnalysisSink>? PageSink);

    /// <summary>
    /// Runs the pipeline with one set of zones until the source ends (Ended), the zones change (Edited), a failure
    /// (after a pause, neither) or the stop.
    /// </summary>
    private async Task<(bool Ended, CameraZones? Edited)> RunWithZonesAsync(
        Run run, CameraZones zones, IPersonDetector detector, CameraSettingsWatch watch, CancellationToken stop)
    {
        var settings = cameraSettings.Value;
        var camera = run.Camera;
        var labels = new ZoneLabels(zones.Zones);
        var writer = new CameraResultWriter(scopes, camera, labels, run.TimeOffset, notifier, run.State, settings.BufferedBatches, logger).Start();
        using var restart = CancellationTokenSource.CreateLinkedTokenSource(stop);
        Task<CameraZones?> edited = watch.WaitForZoneChangeAsync(zones.Fingerprint, restart);
        bool ended = false;
        try
        {
            // Live: the newest frame at most AnalysisFps times a second, with the shortest hand-over queue so it is never far behind.
            var pipeline = new AnalysisPipeline(detector, zones.Zones, new AnalysisOptions { FrameStride = 1, QueueCapacity = 1, MaxFramesPerSecond = settings.AnalysisFps });
            using var gate = new FreshFrameGate(run.Frames, pipeline.Concurrency);
            using var picture = new CameraFrameSink(run.State, cameraNotifier, settings.SnapshotSeconds, pictures, privacy.Value.PlateSampleSeconds);
            List<IAnalysisSink> sinks =
            [
                gate,
                writer,
                new LiveSink(camera.Id, notifier, analysisSettings.Value.LiveFramesPerSecond),
                picture,
                new CameraHeatmapSink(storage.ToAbsolute(DerivedFiles.Heatmap(camera.StoredPath)), settings.HeatmapSeconds, run.State, logger),
            ];
            if (run.PageSink is not null)
            {
                sinks.Add(run.PageSink(labels));
            }

            await pipeline.RunAsync(gate, sinks, progress: null, restart.Token);
            ended = true; // the stream gave up for good, or the webcam's page left
        }
        catch (OperationCanceledException) when (restart.IsCancellationRequested)
        {
            // Stopped, or the zones changed.
        }
        catch (Exception ex) when (!stop.IsCancellationRequested)
        {
            logger.LogError(ex, "{Kind} {CameraId}: the analysis failed; restarting in {Delay}", camera.SourceKind, camera.Id, FailureRetry);
            await Task.Delay(FailureRetry, stop).ContinueWith(_ => { }, TaskScheduler.Default);
        }
        finally
        {
            await restart.CancelAsync();
            await writer.CompleteAsync(stop.IsCancellationRequested ? TimeSpan.FromSeconds(5) : TimeSpan.FromSeconds(30));
        }

        return (ended, await edited);
    }

    private async Task<CameraZones> LoadZonesAsync(long cameraId, CancellationToken stop)
    {
        while (true)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                return await CameraZones.LoadAsync(scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>(), cameraId, stop);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Camera {CameraId}: cannot read its zones yet; retrying", cameraId);
                await Task.Delay(DatabaseRetry, stop);
            }
        }
    }
}
