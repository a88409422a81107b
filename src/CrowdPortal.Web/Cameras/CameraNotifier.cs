using CrowdPortal.Web.Hubs;
using Microsoft.AspNetCore.SignalR;

namespace CrowdPortal.Web.Cameras;

/// <summary>Pushes <see cref="IAnalysisClient.Camera"/> status events to the pages watching a camera; fire-and-forget like the analysis notifier.</summary>
public sealed class CameraNotifier(IHubContext<AnalysisHub, IAnalysisClient> hub, ILogger<CameraNotifier> logger)
{
    public void Status(CameraLiveState state, bool enabled)
    {
        var message = new CameraStatusMessage(state.CameraId, state.Connection, enabled, state.LastFrameAt, Math.Round(state.Fps, 1),
            state.DroppedSamples, state.BufferedBatches);
        var task = hub.Clients.Group(AnalysisHub.GroupName(state.CameraId)).Camera(message);
        if (!task.IsCompletedSuccessfully)
        {
            _ = task.ContinueWith(
                t => logger.LogDebug(t.Exception, "Camera status for {CameraId} was not delivered", state.CameraId),
                TaskContinuationOptions.OnlyOnFaulted);
        }
    }
}
