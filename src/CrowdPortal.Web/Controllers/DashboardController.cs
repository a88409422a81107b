using CrowdPortal.Web.Infrastructure;
using CrowdPortal.Web.Services;
using CrowdPortal.Web.ViewModels;
using CrowdPortal.Web.ViewModels.PageModels;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CrowdPortal.Web.Controllers;

/// <summary>
/// One video's dashboard: the zone editor, the analysis controls and the live view. The page's script talks to the
/// REST API and the analysis hub; this controller only checks the video is the user's.
/// </summary>
[Authorize]
public sealed class DashboardController(VideoService videos) : Controller
{
    [HttpGet("/Dashboard/{id:long}")]
    public async Task<IActionResult> Index(long id, CancellationToken ct)
    {
        var video = await videos.FindAsync(User.GetUserId(), id, ct);
        return video is null ? NotFound() : View(new VideoPageModel(VideoDto.From(video)));
    }
}
