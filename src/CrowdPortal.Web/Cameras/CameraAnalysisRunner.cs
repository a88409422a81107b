using System.Security.Cryptography;
using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using CrowdPortal.Vision.Pipeline;
using CrowdPortal.Vision.Sources;
using CrowdPortal.Web.Analysis;
using CrowdPortal.Web.Privacy;
using CrowdPortal.Web.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrowdPortal.Web.Cameras;

/// <summary>
/// Analyses one IP camera until stopped: one <see cref="StreamSource"/> (newest frame only, reconnects with back-off),
/// one detector, and the shared <see cref="AnalysisPipeline"/> feeding the camera's result writer, the live view and
/// its status. When the user edits the camera's zones the pipeline restarts on the same stream with the new zones.
/// Row times are whole seconds since the camera was added (<see cref="Video.CreatedAt"/>) plus the stream's clock.
/// </summary>
public sealed class CameraAnalysisRunner(
    IServiceScopeFactory scopes,
    UploadStorage storage,
    DetectorProvider detectors,
    CameraUrlProtector urls,
    CameraAddressPolicy addresses,
    CameraRuntime runtime,
    CameraNotifier cameraNotifier,
    AnalysisNotifier notifier,
    IOptions<CameraSettings> cameraSettings,
    IOptions<AnalysisSettings> analysisSettings,
    PictureProtector pictures,
    IOptions<PrivacySettings> privacy,
    TimeProvider clock,
    ILoggerFactory loggers)
{
    private static readonly TimeSpan DatabaseRetry = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan FailureRetry = TimeSpan.FromSeconds(5);

    private readonly ILogger _logger = loggers.CreateLogger<CameraAnalysisRunner>();

    public async Task RunAsync(long cameraId, CancellationToken stop)
    {
        var state = runtime.For(cameraId);
        state.SetConnection(CameraConnection.Connecting);
        cameraNotifier.Status(state, enabled: true);
        try
        {
            await RunStreamAsync(cameraId, state, stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped.
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Camera {CameraId} stopped unexpectedly", cameraId);
        }
        finally
        {
            state.SetConnection(CameraConnection.Offline);
            cameraNotifier.Status(state, enabled: !stop.IsCancellationRequested);
            await TryStoreOfflineAsync(cameraId);
        }
    }

    private async Task RunStreamAsync(long cameraId, CameraLiveState state, CancellationToken stop)
    {
        var settings = cameraSettings.Value;
        var (camera, zones) = await LoadWithRetryAsync(cameraId, stop);
        if (camera is null || camera.SourceKind != VideoSourceKind.Camera || camera.StreamUrlProtected is null)
        {
            return;
        }

        string url;
        try
        {
            url = urls.Unprotect(camera.StreamUrlProtected);
        }
        catch (CryptographicException)
        {
            _logger.LogError("Camera {CameraId}: its stream URL cannot be decrypted (were the data protection keys replaced?); enter it again", cameraId);
            return;
        }

        state.SeedDropped(camera.DroppedSamples);
        state.SetPrivacy(camera.PrivacyLevel);
        double offset = Math.Floor((clock.GetUtcNow().UtcDateTime - camera.CreatedAt).TotalSeconds);
        var streamOptions = new StreamSourceOptions
        {
            FfmpegPath = settings.FfmpegPath,
            StallTimeout = TimeSpan.FromSeconds(settings.StallTimeoutSeconds),
            InitialBackoff = TimeSpan.FromSeconds(settings.InitialBackoffSeconds),
            MaxBackoff = TimeSpan.FromSeconds(settings.MaxBackoffSeconds),
            ResolveTarget = addresses.ResolveTargetAsync,
        };
        // No logger for the source itself: it would log the URL with its password. State changes are logged here, redacted.
        using var source = new StreamSource(url, streamOptions);
        string shown = camera.StreamUrlRedacted ?? "(hidden)";
        source.StateChanged += (_, s) =>
        {
            string? error = CameraUrl.RedactIn(source.LastError, url, shown);
            // The owner sees "unreachable" or "not a video stream", never the far end's own answer; the log keeps it.
            state.SetLastError(s == StreamState.Online ? null : CameraErrorText.ForOwner(error, source.Connections > 0));
            if (state.SetConnection(ToConnection(s)))
            {
                cameraNotifier.Status(state, enabled: true);
                _logger.LogInformation("Camera {CameraId} ({Url}) is {State}{Error}", cameraId, shown, ToConnection(s),
                    s == StreamState.Online || error is null ? string.Empty : ": " + error);
            }
        };
        using var detector = detectors.CreateForCamera(camera.ModelName, cameraId);
        // Live: the newest frame at most AnalysisFps times a second, with the shortest hand-over queue so it is never far behind.
        var pipelineOptions = new AnalysisOptions { FrameStride = 1, QueueCapacity = 1, MaxFramesPerSecond = settings.AnalysisFps };
        _logger.LogInformation("Camera {CameraId} started ({Zones} zones, detector {Detector})", cameraId, zones.Zones.Zones.Count, detector.Name);
        var zoneWatcher = new CameraZoneWatcher(scopes, TimeSpan.FromSeconds(settings.ZoneCheckSeconds), _logger);

        while (!stop.IsCancellationRequested)
        {
            var pipeline = new AnalysisPipeline(detector, zones.Zones, pipelineOptions);
            var writer = new CameraResultWriter(scopes, camera, new ZoneLabels(zones.Zones), offset, notifier, state, settings.BufferedBatches, _logger);
            using var restart = CancellationTokenSource.CreateLinkedTokenSource(stop);
            Task<CameraZones?> watcher = zoneWatcher.WaitForChangeAsync(cameraId, zones.Fingerprint, restart);
            using var gate = new FreshFrameGate(source);
            using var frames = new CameraFrameSink(state, cameraNotifier, settings.SnapshotSeconds, pictures, privacy.Value.PlateSampleSeconds);
            IAnalysisSink[] sinks =
            [
                gate,
                writer,
                new LiveSink(cameraId, notifier, analysisSettings.Value.LiveFramesPerSecond),
                frames,
                new CameraHeatmapSink(storage.ToAbsolute(DerivedFiles.Heatmap(camera.StoredPath)), settings.HeatmapSeconds, state, _logger),
            ];
            bool ended = false;
            try
            {
                await pipeline.RunAsync(gate, sinks, progress: null, restart.Token);
                ended = true; // the source gave up for good
            }
            catch (OperationCanceledException) when (restart.IsCancellationRequested)
            {
                // Stopped, or the zones changed.
            }
            catch (Exception ex) when (!stop.IsCancellationRequested)
            {
                _logger.LogError(ex, "Camera {CameraId}: the analysis failed; restarting in {Delay}", cameraId, FailureRetry);
                await Task.Delay(FailureRetry, stop).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            finally
            {
                await restart.CancelAsync();
                await writer.CompleteAsync(stop.IsCancellationRequested ? TimeSpan.FromSeconds(5) : TimeSpan.FromSeconds(30));
            }

            CameraZones? edited = await watcher;
            if (ended)
            {
                break;
            }

            if (edited is not null)
            {
                _logger.LogInformation("Camera {CameraId}: zones changed; counting with the new zones", cameraId);
                zones = edited;
            }
        }
    }

    private async Task<(Video? Camera, CameraZones Zones)> LoadWithRetryAsync(long cameraId, CancellationToken stop)
    {
        while (true)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
                var camera = await db.Videos.AsNoTracking().FirstOrDefaultAsync(v => v.Id == cameraId, stop);
                return (camera, await CameraZones.LoadAsync(db, cameraId, stop));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogWarning(ex, "Camera {CameraId}: cannot read its settings yet; retrying", cameraId);
                await Task.Delay(DatabaseRetry, stop);
            }
        }
    }

    private async Task TryStoreOfflineAsync(long cameraId)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
            await scope.ServiceProvider.GetRequiredService<CameraConnectionStore>().SaveAsync(db, cameraId, CameraConnection.Offline);
        }
        catch (Exception ex)
        {
            _logger.LogDebug(ex, "Camera {CameraId}: offline state not stored", cameraId);
        }
    }

    private static string ToConnection(StreamState state) => state switch
    {
        StreamState.Online => CameraConnection.Online,
        StreamState.Reconnecting => CameraConnection.Reconnecting,
        StreamState.Connecting => CameraConnection.Connecting,
        _ => CameraConnection.Offline,
    };
}
