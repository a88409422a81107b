using System.Collections.Concurrent;
using CrowdPortal.Data.Entities;
using CrowdPortal.Web.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace CrowdPortal.Web.Cameras;

/// <summary>
/// The webcams being analysed right now: one session per webcam camera, owned by the hub connection of the page that
/// started it (a second page takes it over). Frames pushed by that page are analysed by the <see cref="LiveAnalysisHost"/>
/// like an IP camera's stream, into the same tables; each analysed frame's result also goes back to the page.
/// </summary>
public sealed class WebcamSessions(
    LiveAnalysisHost host,
    CameraRuntime runtime,
    CameraNotifier cameraNotifier,
    IHubContext<WebcamHub, IWebcamClient> hub,
    ILogger<WebcamSessions> logger)
{
    private readonly ConcurrentDictionary<long, WebcamSession> _sessions = new();

    public bool IsActive(long cameraId) => _sessions.ContainsKey(cameraId);

    /// <summary>The webcams this process analyses now.</summary>
    public long[] ActiveIds() => [.. _sessions.Keys.Order()];

    /// <summary>Starts analysing frames from <paramref name="connectionId"/> for the (already authorised) webcam.</summary>
    public async Task StartAsync(Video webcam, string connectionId)
    {
        await EndAsync(webcam.Id);
        var session = new WebcamSession(webcam.Id, connectionId);
        if (!_sessions.TryAdd(webcam.Id, session))
        {
            session.Dispose();
            throw new InvalidOperationException("Another page started this webcam at the same moment.");
        }

        session.Running = Task.Run(() => RunAsync(session, webcam));
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

    private async Task RunAsync(WebcamSession session, Video webcam)
    {
        var state = runtime.For(webcam.Id);
        try
        {
            state.SetConnection(CameraConnection.Online);
            cameraNotifier.Status(state, enabled: true);
            await host.RunAsync(webcam, session.Source, session.Stop.Token, labels => new WebcamResultSink(session, labels, hub, logger));
        }
        catch (OperationCanceledException) when (session.Stop.IsCancellationRequested)
        {
            // The page left before the analysis began.
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
}
