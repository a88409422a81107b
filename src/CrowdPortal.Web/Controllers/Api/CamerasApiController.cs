using CrowdPortal.Data.Entities;
using CrowdPortal.Web.Cameras;
using CrowdPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CrowdPortal.Web.Controllers.Api;

/// <summary>
/// REST API v1 for the signed-in user's cameras (IP cameras and webcams). Mirrors the videos API: a camera is a video
/// row, so <c>/api/v1/cameras/{id}/zones|counts|counts.csv|alerts|heatmap.png</c> are the videos' handlers under a
/// second route. The stream URL is stored encrypted and only ever returned redacted.
/// </summary>
[ApiController]
[Authorize]
[Route("api/v1/cameras")]
public sealed class CamerasApiController(CameraService cameras, CameraLiveFigures figures) : ControllerBase
{
    /// <summary>What POST /api/v1/cameras takes: a name and either a stream URL or <c>kind: "webcam"</c>.</summary>
    public sealed record CreateCameraRequest(string? Name, string? Url, string? Kind);

    [EndpointSummary("List your cameras")]
    [HttpGet]
    public Task<List<CameraDto>> List(CancellationToken ct) => cameras.ListAsync(User.GetUserId(), ct);

    [EndpointSummary("Get a camera with its live state")]
    [HttpGet("{id:long}")]
    [ProducesResponseType<CameraDto>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Get(long id, CancellationToken ct) =>
        await cameras.FindAsync(User.GetUserId(), id, ct) is { } camera ? Ok(camera) : NotFoundProblem();

    /// <summary>Adds a camera: 201 with it; 400 with the reason when the name or URL is not acceptable.</summary>
    [EndpointSummary("Add an IP camera or a browser webcam")]
    [HttpPost]
    [Consumes("application/json")]
    [RequestSizeLimit(16 * 1024)]
    [ProducesResponseType<CameraDto>(StatusCodes.Status201Created)]
    public async Task<IActionResult> Create([FromBody] CreateCameraRequest request, CancellationToken ct)
    {
        var result = await cameras.CreateAsync(User.GetUserId(), request.Name, request.Url, request.Kind, ct);
        return result.Camera is null
            ? ProblemResults.Create(HttpContext, StatusCodes.Status400BadRequest, "Invalid camera", result.Error!)
            : CreatedAtAction(nameof(Get), new { id = result.Camera.Id }, result.Camera);
    }

    /// <summary>Starts server-side analysis of an IP camera (it restarts with the app until stopped).</summary>
    [EndpointSummary("Start analysing an IP camera")]
    [HttpPost("{id:long}/start")]
    [ProducesResponseType<CameraDto>(StatusCodes.Status200OK)]
    public Task<IActionResult> Start(long id, CancellationToken ct) => SetEnabledAsync(id, true, ct);

    [EndpointSummary("Stop analysing an IP camera")]
    [HttpPost("{id:long}/stop")]
    [ProducesResponseType<CameraDto>(StatusCodes.Status200OK)]
    public Task<IActionResult> Stop(long id, CancellationToken ct) => SetEnabledAsync(id, false, ct);

    /// <summary>The camera's newest analysed frame as a JPEG; 404 until a frame has arrived since the app started.</summary>
    [EndpointSummary("The camera's latest frame as JPEG")]
    [HttpGet("{id:long}/frame.jpg")]
    [ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
    public async Task<IActionResult> Frame(long id, CancellationToken ct)
    {
        if (await cameras.FindAsync(User.GetUserId(), id, ct) is not { } camera || !Privacy.PrivacyLevels.TryParse(camera.PrivacyLevel, out var level))
        {
            return NotFoundProblem();
        }

        return await figures.PictureAsync(id, level, ct) is { } jpeg
            ? File(jpeg, "image/jpeg")
            : ProblemResults.Create(HttpContext, StatusCodes.Status404NotFound, "No frame yet",
                "The camera has no picture yet: it has not delivered a frame since the portal started, or (counts only) its clean plate is still being made.");
    }

    /// <summary>Stops the camera and deletes it with its zones, counts and alerts.</summary>
    [EndpointSummary("Delete a camera with its zones, counts and alerts")]
    [HttpDelete("{id:long}")]
    public async Task<IActionResult> Delete(long id, CancellationToken ct) =>
        await cameras.DeleteAsync(User.GetUserId(), id, ct) ? NoContent() : NotFoundProblem();

    private async Task<IActionResult> SetEnabledAsync(long id, bool enabled, CancellationToken ct)
    {
        string userId = User.GetUserId();
        var existing = await cameras.FindAsync(userId, id, ct);
        if (existing is null)
        {
            return NotFoundProblem();
        }

        if (existing.Kind == VideoSourceKind.Webcam)
        {
            return ProblemResults.Create(HttpContext, StatusCodes.Status400BadRequest, "Not an IP camera",
                "A webcam is analysed while its page is open and sending frames; it cannot be started or stopped here.");
        }

        return Ok(await cameras.SetEnabledAsync(userId, id, enabled, ct));
    }

    private IActionResult NotFoundProblem() =>
        ProblemResults.Create(HttpContext, StatusCodes.Status404NotFound, "Not found", "There is no such camera.");
}
