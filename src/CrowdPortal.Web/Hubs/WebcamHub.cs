using CrowdPortal.Web.Cameras;
using CrowdPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace CrowdPortal.Web.Hubs;

/// <summary>
/// The webcam page's channel: <c>Start(cameraId)</c> for one of the caller's own webcam cameras, then
/// <c>Frame(cameraId, jpegBase64, capturedAtMs)</c> for each captured frame; the server answers each analysed frame
/// with a <see cref="IWebcamClient.Result"/> (boxes and zone counts) to this connection only. Frames are analysed newest-first: when the
/// page sends faster than the server analyses, older frames are dropped, never queued.
/// </summary>
[Authorize]
public sealed class WebcamHub(CameraService cameras, WebcamSessions sessions, IOptions<CameraSettings> settings) : Hub<IWebcamClient>
{
    public const string Path = "/hubs/webcam";

    public async Task Start(long cameraId)
    {
        string userId = Context.User?.GetUserId() ?? throw new HubException("Sign in first.");
        var webcam = await cameras.FindWebcamAsync(userId, cameraId, Context.ConnectionAborted)
            ?? throw new HubException("There is no such webcam.");
        await sessions.StartAsync(webcam, Context.ConnectionId);
    }

    public void Frame(long cameraId, string jpegBase64, double capturedAtMs)
    {
        int maxBytes = settings.Value.MaxWebcamFrameBytes;
        if (string.IsNullOrEmpty(jpegBase64) || jpegBase64.Length > (maxBytes / 3 * 4) + 4)
        {
            throw new HubException($"Send one JPEG frame of at most {maxBytes / 1024} KB.");
        }

        byte[] jpeg;
        try
        {
            jpeg = Convert.FromBase64String(jpegBase64);
        }
        catch (FormatException)
        {
            throw new HubException("The frame is not base64 text.");
        }

        try
        {
            if (!sessions.TryPush(Context.ConnectionId, cameraId, jpeg, capturedAtMs))
            {
                throw new HubException("Start the webcam first (or another page has taken it over).");
            }
        }
        catch (InvalidDataException ex)
        {
            throw new HubException("The frame was refused: " + ex.Message);
        }
    }

    public Task Stop(long cameraId) => sessions.EndAsync(Context.ConnectionId, cameraId);

    public override async Task OnDisconnectedAsync(Exception? exception)
    {
        await sessions.EndConnectionAsync(Context.ConnectionId);
        await base.OnDisconnectedAsync(exception);
    }
}
