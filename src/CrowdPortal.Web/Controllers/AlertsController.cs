using CrowdPortal.Web.Infrastructure;
using CrowdPortal.Web.Services;
using CrowdPortal.Web.ViewModels;
using CrowdPortal.Web.ViewModels.PageModels;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CrowdPortal.Web.Controllers;

/// <summary>All the user's alerts, filterable by video, zone, level and acknowledgement.</summary>
[Authorize]
public sealed class AlertsController(VideoService videos) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(long? videoId, string? level, string? zone, bool? acknowledged, CancellationToken ct)
    {
        var list = (await videos.ListAsync(User.GetUserId(), ct)).Select(VideoDto.From).ToList();
        var filter = AlertFilter.From(videoId, level, zone, acknowledged);

        // A video id that is not the user's is dropped rather than shown as an empty filter of someone else's video.
        if (filter.VideoId is long requested && !list.Exists(v => v.Id == requested))
        {
            filter = filter with { VideoId = null };
        }

        return View(new AlertsPageModel(list, filter));
    }
}
