using CrowdPortal.Web.Infrastructure;
using CrowdPortal.Web.Services;
using CrowdPortal.Web.ViewModels;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CrowdPortal.Web.Controllers;

/// <summary>"My uploads": the upload form (which posts to the API with a progress bar) and the list of the user's videos.</summary>
[Authorize]
public sealed class VideosController(VideoService videos, VideoUploadService uploads) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var list = (await videos.ListAsync(User.GetUserId(), ct)).Select(VideoDto.From).ToList();
        ViewData["MaxUploadBytes"] = uploads.MaxBytes;
        return View(list);
    }

    /// <summary>Deletes one of the user's videos from the list page (a plain form, so it works without script).</summary>
    [HttpPost]
    public async Task<IActionResult> Delete(long id, CancellationToken ct) =>
        await videos.DeleteAsync(User.GetUserId(), id, ct) ? RedirectToAction(nameof(Index)) : NotFound();
}
