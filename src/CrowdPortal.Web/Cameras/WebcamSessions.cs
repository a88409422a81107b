using System.Collections.Concurrent;
using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using CrowdPortal.Vision.Detectors;
using CrowdPortal.Vision.Pipeline;
using CrowdPortal.Web.Analysis;
using CrowdPortal.Web.Hubs;
using CrowdPortal.Web.Privacy;
using CrowdPortal.Web.Services;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace CrowdPortal.Web.Cameras;

/// <summary>
/// The webcams being analysed right now: one session per webcam camera, owned by the hub connection of the page that
/// started it (a second page takes it over). Frames pushed by that page run through the shared pipeline into the same
/// tables as every camera; each analysed frame's result goes back to the page.
/// </summary>
public sealed class WebcamSessions(
    IServiceScopeFactory scopes,
    UploadStorage storage,
    DetectorProvider detectors,
    CameraRuntime runtime,
    CameraNotifier cameraNotifier,
    AnalysisNotifier notifier,
    IHubContext<WebcamHub> hub,
    IOptions<CameraSettings> settings,
    IOptions<AnalysisSettings> analysisSettings,
    PictureProtector pictures,
    IOptions<PrivacySettings> privacy,
    TimeProvider clock,
    ILogger<WebcamSessions> logger)
{
    private readonly ConcurrentDictionary<long, WebcamSession> _sessions = new();

    public bool IsActive(long cameraId) => _sessions.ContainsKey(cameraId);

    /// <summary>Starts analysing frames from <paramref name="connectionId"/> for the (already authorised) webcam.</summary>
    public async Task StartAsync(Video webcam, string connectionId)
    {
        await EndAsync(webcam.Id);
        var session = new WebcamSession(webcam.Id, connectionId);
        CameraZones zones;
        await using (var scope = scopes.CreateAsyncScope())
        {
            zones = await CameraZones.LoadAsync(scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>(), webcam.Id, CancellationToken.None);
        }

        if (!_sessions.TryAdd(webcam.Id, session))
        {
            session.Dispose();
            throw new InvalidOperationException("Another page started this webcam at the same moment.");
        }

        session.Running = Task.Run(() => RunAsync(session, webcam, zones));
    }

    /// <summary>Queues a frame; false when this connection does not own a session for the camera.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a decodable JPEG.</exception>
    public bool TryPush(string connectionId, long cameraId, byte[] jpeg, double capturedAtMs)
    {
        if (!_sessions.TryGetValue(cameraId, out var session) || session.ConnectionId != connectionId)
        {
            return false;
        }

        session.Push(jpeg, capturedAtMs);
        return true;
    }

    public async Task EndAsync(long cameraId)
    {
        if (_sessions.TryRemove(cameraId, out var session))
        {
            await EndAsync(session);
        }
    }

    /// <summary>Ends the camera's session if <paramref name="connectionId"/> owns it.</summary>
    public async Task EndAsync(string connectionId, long cameraId)
    {
        if (_sessions.TryGetValue(cameraId, out var session) && session.ConnectionId == connectionId
            && _sessions.TryRemove(new KeyValuePair<long, WebcamSession>(cameraId, session)))
        {
            await EndAsync(session);
        }
    }

    /// <summary>Ends every session of a connection (the page closed).</summary>
    public async Task EndConnectionAsync(string connectionId)
    {
        foreach (var (id, session) in _sessions)
        {
            if (session.ConnectionId == connectionId && _sessions.TryRemove(new KeyValuePair<long, WebcamSession>(id, session)))
            {
                await EndAsync(session);
            }
        }
    }

    private static async Task EndAsync(WebcamSession session)
    {
        session.Source.Complete();
        await session.Stop.CancelAsync();
        await session.Running.WaitAsync(TimeSpan.FromSeconds(15)).ContinueWith(_ => { }, TaskScheduler.Default);
        session.Dispose();
    }

    private async Task RunAsync(WebcamSession session, Video webcam, CameraZones zones)
    {
        var state = runtime.For(webcam.Id);
        state.SeedDropped(webcam.DroppedSamples);
        state.SetPrivacy(webcam.PrivacyLevel);
        double offset = Math.Floor((clock.GetUtcNow().UtcDateTime - webcam.CreatedAt).TotalSeconds);
        var zoneWatcher = new CameraZoneWatcher(scopes, TimeSpan.FromSeconds(settings.Value.ZoneCheckSeconds), logger);
        try
        {
            using var detector = detectors.CreateForCamera(webcam.ModelName, webcam.Id);
            state.SetConnection(CameraConnection.Online);
            cameraNotifier.Status(state, enabled: true);
            logger.LogInformation("Webcam {CameraId} started ({Zones} zones)", webcam.Id, zones.Zones.Zones.Count);
            while (await RunWithZonesAsync(session, webcam, zones, detector, state, offset, zoneWatcher) is { } edited)
            {
                logger.LogInformation("Webcam {CameraId}: zones changed; counting with the new zones", webcam.Id);
                zones = edited;
            }
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Webcam {CameraId}: the analysis failed", webcam.Id);
        }
        finally
        {
            state.SetConnection(CameraConnection.Offline);
            cameraNotifier.Status(state, enabled: false);
            logger.LogInformation("Webcam {CameraId} stopped", webcam.Id);
        }
    }

    /// <summary>Analyses the page's frames with one set of zones: the edited zones when the user changed them, null when the page left.</summary>
    private async Task<CameraZones?> RunWithZonesAsync(
        WebcamSession session, Video webcam, CameraZones zones, IPersonDetector detector, CameraLiveState state, double offset, CameraZoneWatcher zoneWatcher)
    {
        var labels = new ZoneLabels(zones.Zones);
        var writer = new CameraResultWriter(scopes, webcam, labels, offset, notifier, state, settings.Value.BufferedBatches, logger);
        using var restart = CancellationTokenSource.CreateLinkedTokenSource(session.Stop.Token);
        Task<CameraZones?> watching = zoneWatcher.WaitForChangeAsync(webcam.Id, zones.Fingerprint, restart);
        try
        {
            var pipeline = new AnalysisPipeline(detector, zones.Zones, new AnalysisOptions { FrameStride = 1, QueueCapacity = 1, MaxFramesPerSecond = settings.Value.AnalysisFps });
            using var gate = new FreshFrameGate(session.Source);
            using var frames = new CameraFrameSink(state, cameraNotifier, settings.Value.SnapshotSeconds, pictures, privacy.Value.PlateSampleSeconds);
            IAnalysisSink[] sinks =
            [
                gate,
                writer,
                new LiveSink(webcam.Id, notifier, analysisSettings.Value.LiveFramesPerSecond),
                frames,
                new CameraHeatmapSink(storage.ToAbsolute(DerivedFiles.Heatmap(webcam.StoredPath)), settings.Value.HeatmapSeconds, state, logger),
                new WebcamResultSink(session, labels, hub, logger),
            ];
            await pipeline.RunAsync(gate, sinks, progress: null, restart.Token);
        }
        catch (OperationCanceledException) when (restart.IsCancellationRequested)
        {
            // The page left, or the zones changed.
        }
        finally
        {
            await restart.CancelAsync();
            await writer.CompleteAsync(TimeSpan.FromSeconds(10));
        }

        CameraZones? edited = await watching;
        return session.Stop.IsCancellationRequested ? null : edited;
    }
}
