using CrowdPortal.Core.Analysis;
using CrowdPortal.Data.Entities;
using CrowdPortal.Web.Analysis;
using CrowdPortal.Web.Infrastructure;
using CrowdPortal.Web.Privacy;
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
public sealed class DashboardController(VideoService videos, PrivacyService privacy, FootageRetention retention, TilingService tiling) : Controller
{
    private const string ConfirmLowering = "Lowering the privacy level shows people in the pictures again: tick the confirmation to do it.";

    [HttpGet("/Dashboard/{id:long}")]
    public async Task<IActionResult> Index(long id, [FromQuery] bool confirmPrivacy, CancellationToken ct)
    {
        var video = await videos.FindAsync(User.GetUserId(), id, ct);
        return video is null ? NotFound() : View(new VideoPageModel(VideoDto.From(video), confirmPrivacy ? ConfirmLowering : null));
    }

    /// <summary>The privacy form of the video header; lowering needs its confirmation box ticked.</summary>
    [HttpPost("/Dashboard/{id:long}/Privacy")]
    public async Task<IActionResult> Privacy(long id, [FromForm] string? level, [FromForm] bool confirm, CancellationToken ct)
    {
        if (!PrivacyLevels.TryParse(level, out var parsed))
        {
            return ProblemResults.Create(HttpContext, StatusCodes.Status400BadRequest, "Unknown privacy level",
                $"Choose one of the privacy levels: {string.Join(", ", PrivacyLevels.Names)}.");
        }

        return await privacy.SetAsync(User.GetUserId(), id, parsed, confirm, ct) switch
        {
            PrivacyService.Outcome.NotFound => NotFound(),
            PrivacyService.Outcome.NeedsConfirmation => Redirect($"/Dashboard/{id}?confirmPrivacy=true"),
            _ => Redirect($"/Dashboard/{id}"),
        };
    }

    /// <summary>The tiling form of the header (uploads and cameras alike): off, auto or on, used from the next analysis or start.</summary>
    [HttpPost("/Dashboard/{id:long}/Tiling")]
    public async Task<IActionResult> Tiling(long id, [FromForm] string? mode, CancellationToken ct)
    {
        if (!TilingModes.TryParse(mode, out var parsed))
        {
            return ProblemResults.Create(HttpContext, StatusCodes.Status400BadRequest, "Unknown tiling mode",
                $"Choose one of the tiling modes: {string.Join(", ", TilingModes.Names)}.");
        }

        var video = await videos.FindAsync(User.GetUserId(), id, ct);
        return video is not null && await tiling.SetAsync(User.GetUserId(), id, video.SourceKind != VideoSourceKind.Upload, parsed, ct)
            ? Redirect($"/Dashboard/{id}")
            : NotFound();
    }

    /// <summary>The retention form of an upload's header: delete the footage once analysed (now, if it already is).</summary>
    [HttpPost("/Dashboard/{id:long}/Retention")]
    public async Task<IActionResult> Retention(long id, [FromForm] bool[] delete, CancellationToken ct) =>
        await retention.SetAsync(User.GetUserId(), id, delete.Contains(true), ct) == FootageRetention.Outcome.NotFound
            ? NotFound()
            : Redirect($"/Dashboard/{id}");
}
