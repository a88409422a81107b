using CrowdPortal.Core.Analysis;
using CrowdPortal.Web.Analysis;
using CrowdPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace CrowdPortal.Web.Controllers.Api;

/// <summary>Whether an upload or a camera is also detected in overlapping tiles, for people too small for the detector's input.</summary>
public sealed class TilingApiController(TilingService tiling) : ApiControllerBase
{
    /// <param name="Mode"><c>off</c>, <c>auto</c> (tiles only frames much larger than the detector's input) or <c>on</c>.</param>
    public sealed record SetTilingRequest(string? Mode);

    [EndpointSummary("Set tiled detection of an uploaded video (off, auto, on); used from its next analysis")]
    [ProblemResponse(StatusCodes.Status400BadRequest, "The mode is not off, auto or on.")]
    [HttpPut("api/v1/videos/{id:long}/tiling")]
    public Task<IActionResult> SetForVideo(long id, [FromBody] SetTilingRequest request, CancellationToken ct) =>
        SetAsync(id, camera: false, request, ct);

    [EndpointSummary("Set tiled detection of a camera (off, auto, on); used from its next start")]
    [ProblemResponse(StatusCodes.Status400BadRequest, "The mode is not off, auto or on.")]
    [HttpPut("api/v1/cameras/{id:long}/tiling")]
    public Task<IActionResult> SetForCamera(long id, [FromBody] SetTilingRequest request, CancellationToken ct) =>
        SetAsync(id, camera: true, request, ct);

    private async Task<IActionResult> SetAsync(long id, bool camera, SetTilingRequest? request, CancellationToken ct)
    {
        if (!TilingModes.TryParse(request?.Mode, out var mode))
        {
            return ProblemResponse(StatusCodes.Status400BadRequest, "Unknown tiling mode",
                $"mode must be one of: {string.Join(", ", TilingModes.Names)}.");
        }

        return await tiling.SetAsync(User.GetUserId(), id, camera, mode, ct)
            ? Ok(new { id, mode = TilingModes.Name(mode) })
            : camera ? ProblemResponse(StatusCodes.Status404NotFound, "Not found", "There is no such camera.") : NoSuchVideo();
    }
}
