using CrowdPortal.Web.Hubs;
using CrowdPortal.Web.ViewModels;
using Microsoft.AspNetCore.SignalR;

namespace CrowdPortal.Web.Analysis;

/// <summary>
/// Pushes analysis events to the pages watching a video. Sends are fire-and-forget: a slow or vanished browser must
/// never hold up the analysis.
/// </summary>
public sealed class AnalysisNotifier(IHubContext<AnalysisHub, IAnalysisClient> hub, ILogger<AnalysisNotifier> logger)
{
    public void Progress(ProgressMessage message) => Send(message.VideoId, nameof(IAnalysisClient.Progress), c => c.Progress(message));

    public void Frame(FrameMessage message) => Send(message.VideoId, nameof(IAnalysisClient.Frame), c => c.Frame(message));

    public void Samples(SamplesMessage message) => Send(message.VideoId, nameof(IAnalysisClient.Samples), c => c.Samples(message));

    public void Alert(AlertDto alert) => Send(alert.VideoId, nameof(IAnalysisClient.Alert), c => c.Alert(alert));

    public void Completed(CompletedMessage message) => Send(message.VideoId, nameof(IAnalysisClient.Completed), c => c.Completed(message));

    private void Send(long videoId, string method, Func<IAnalysisClient, Task> send)
    {
        var task = send(hub.Clients.Group(AnalysisHub.GroupName(videoId)));
        if (!task.IsCompletedSuccessfully)
        {
            _ = task.ContinueWith(
                t => logger.LogDebug(t.Exception, "Live update {Method} for video {VideoId} was not delivered", method, videoId),
                TaskContinuationOptions.OnlyOnFaulted);
        }
    }
}
