using CrowdPortal.Web.Infrastructure;
using CrowdPortal.Web.Services;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace CrowdPortal.Web.Hubs;

/// <summary>
/// Live analysis updates. A client joins the group of a video only after the server has checked that the video is
/// the caller's own; another user's id is answered exactly like one that does not exist.
/// </summary>
[Authorize]
public sealed class AnalysisHub(VideoService videos) : Hub<IAnalysisClient>
{
    public const string Path = "/hubs/analysis";

    public static string GroupName(long videoId) => "video-" + videoId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async Task Watch(long videoId)
    {
        string userId = Context.User?.GetUserId() ?? throw new HubException("Sign in first.");
        if (await videos.FindAsync(userId, videoId, Context.ConnectionAborted) is null)
        {
            throw new HubException("There is no such video.");
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, GroupName(videoId), Context.ConnectionAborted);
    }

    public Task Unwatch(long videoId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupName(videoId));
}
