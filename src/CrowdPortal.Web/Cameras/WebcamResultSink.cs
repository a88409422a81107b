using CrowdPortal.Vision.Pipeline;
using CrowdPortal.Web.Analysis;
using CrowdPortal.Web.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace CrowdPortal.Web.Cameras;

/// <summary>Sends every analysed webcam frame's boxes and zone counts back to the page that captured it.</summary>
internal sealed class WebcamResultSink(WebcamSession session, ZoneLabels labels, IHubContext<WebcamHub, IWebcamClient> hub, ILogger logger) : AnalysisSink
{
    public override void OnFrame(FrameAnalysis frame)
    {
        var result = frame.Result;
        var tracks = TrackBox.From(result.Tracks, Math.Max(1, frame.Image.Width), Math.Max(1, frame.Image.Height));

        var zones = new WebcamZoneCount[result.Zones.Count];
        for (int i = 0; i < zones.Length; i++)
        {
            var z = result.Zones[i];
            zones[i] = new WebcamZoneCount(z.ZoneId, labels.Label(z.ZoneId), z.Current, z.Density is { } density ? Math.Round(density, 3) : null, z.Level);
        }

        var message = new WebcamResult(session.CameraId, session.CapturedAtMs(frame.TimeSeconds), result.People, tracks, zones, session.DroppedFrames);
        var task = hub.Clients.Client(session.ConnectionId).Result(message);
        if (!task.IsCompletedSuccessfully)
        {
            _ = task.ContinueWith(t => logger.LogDebug(t.Exception, "Webcam result for camera {CameraId} was not delivered", session.CameraId),
                TaskContinuationOptions.OnlyOnFaulted);
        }
    }
}
