using CrowdPortal.Core.Analysis;
using CrowdPortal.Web.Analysis;
using CrowdPortal.Web.Infrastructure;
using CrowdPortal.Web.ViewModels;
using Microsoft.AspNetCore.Mvc;

namespace CrowdPortal.Web.Controllers.Api;

/// <summary>
/// The far area of an upload or a camera: a rectangle of the picture where people are small, also detected on its own,
/// enlarged to the detector's input, on every frame. PUT sets it, DELETE clears it.
/// </summary>
public sealed class FarAreaApiController(FarAreaService farAreas) : ApiControllerBase
{
    /// <param name="X">Left edge, a fraction of the frame's width (0 to below 1).</param>
    /// <param name="Y">Top edge, a fraction of the frame's height (0 to below 1).</param>
    /// <param name="Width">Width, a fraction of the frame's width: at least 0.05, and x + width at most 1.</param>
    /// <param name="Height">Height, a fraction of the frame's height: at least 0.05, and y + height at most 1.</param>
    public sealed record SetFarAreaRequest(double? X, double? Y, double? Width, double? Height);

    [EndpointSummary("Set the far area of an uploaded video (detected enlarged as well); used from its next analysis")]
    [HttpPut("api/v1/videos/{id:long}/far-area")]
    [Consumes("application/json")]
    [ProducesResponseType<FarAreaDto>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public Task<IActionResult> SetForVideo(long id, [FromBody] SetFarAreaRequest request, CancellationToken ct) =>
        SetAsync(id, camera: false, request, ct);

    [EndpointSummary("Set the far area of a camera (detected enlarged as well); used from its next start")]
    [HttpPut("api/v1/cameras/{id:long}/far-area")]
    [Consumes("application/json")]
    [ProducesResponseType<FarAreaDto>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public Task<IActionResult> SetForCamera(long id, [FromBody] SetFarAreaRequest request, CancellationToken ct) =>
        SetAsync(id, camera: true, request, ct);

    [EndpointSummary("Clear the far area of an uploaded video (no area: 204 all the same); used from its next analysis")]
    [HttpDelete("api/v1/videos/{id:long}/far-area")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public Task<IActionResult> ClearForVideo(long id, CancellationToken ct) => ClearAsync(id, camera: false, ct);

    [EndpointSummary("Clear the far area of a camera (no area: 204 all the same); used from its next start")]
    [HttpDelete("api/v1/cameras/{id:long}/far-area")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public Task<IActionResult> ClearForCamera(long id, CancellationToken ct) => ClearAsync(id, camera: true, ct);

    private async Task<IActionResult> SetAsync(long id, bool camera, SetFarAreaRequest request, CancellationToken ct)
    {
        if (!FarArea.TryCreate(request.X, request.Y, request.Width, request.Height, out var area, out var problems))
        {
            var errors = problems.GroupBy(p => "$." + p.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Select(p => p.Value).ToArray(), StringComparer.Ordinal);
            return ValidationProblems.Create(HttpContext, "Invalid far area", errors);
        }

        return await farAreas.SetAsync(User.GetUserId(), id, camera, area, ct) ? Ok(FarAreaDto.From(area)) : NoSuchItem(camera);
    }

    private async Task<IActionResult> ClearAsync(long id, bool camera, CancellationToken ct) =>
        await farAreas.SetAsync(User.GetUserId(), id, camera, null, ct) ? NoContent() : NoSuchItem(camera);

    private ObjectResult NoSuchItem(bool camera) =>
        camera ? ProblemResponse(StatusCodes.Status404NotFound, "Not found", "There is no such camera.") : NoSuchVideo();
}
