using CrowdPortal.Web.Hubs;
using CrowdPortal.Web.ViewModels;
using Microsoft.AspNetCore.SignalR;

namespace CrowdPortal.Web.Analysis;

/// <summary>
/// Pushes analysis events to the pages watching a video. Sends are fire-and-forget: a slow or vanished browser must
/// never hold up the analysis.
/// </summary>
public sealed class AnalysisNotifier(IHubContext<AnalysisHub> hub, ILogger<AnalysisNotifier> logger)
{
    public void Progress(ProgressMessage message) => Send(message.VideoId, "progress", message);

    public void Frame(FrameMessage message) => Send(message.VideoId, "frame", message);

    public void Samples(SamplesMessage message) => Send(message.VideoId, "samples", message);

    public void Alert(AlertDto alert) => Send(alert.VideoId, "alert", alert);

    public void Completed(CompletedMessage message) => Send(message.VideoId, "completed", message);

    private void Send(long videoId, string method, object message)
    {
        var task = hub.Clients.Group(AnalysisHub.GroupName(videoId)).SendAsync(method, message);
        if (!task.IsCompletedSuccessfully)
        {
            _ = task.ContinueWith(
                t => logger.LogDebug(t.Exception, "Live update {Method} for video {VideoId} was not delivered", method, videoId),
                TaskContinuationOptions.OnlyOnFaulted);
        }
    }
}
