using CrowdPortal.Web.Infrastructure;
using CrowdPortal.Web.Services;
using CrowdPortal.Web.ViewModels;
using CrowdPortal.Web.ViewModels.PageModels;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CrowdPortal.Web.Controllers;

/// <summary>One video's charts (counts over time, current and peak per zone); the data comes from the REST API.</summary>
[Authorize]
public sealed class GraphsController(VideoService videos) : Controller
{
    [HttpGet("/Graphs/{id:long}")]
    public async Task<IActionResult> Index(long id, CancellationToken ct)
    {
        var video = await videos.FindAsync(User.GetUserId(), id, ct);
        return video is null ? NotFound() : View(new VideoPageModel(VideoDto.From(video)));
    }
}
