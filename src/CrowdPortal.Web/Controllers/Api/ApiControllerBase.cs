using CrowdPortal.Data.Entities;
using CrowdPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CrowdPortal.Web.Controllers.Api;

/// <summary>
/// What every REST API v1 controller shares: a signed-in user (cookie or API token), [ApiController] model validation,
/// and errors as ProblemDetails with a sentence for the user.
/// </summary>
[ApiController]
[Authorize]
public abstract class ApiControllerBase : ControllerBase
{
    protected ObjectResult ProblemResponse(int status, string title, string detail) =>
        (ObjectResult)ProblemResults.Create(HttpContext, status, title, detail, asApi: true);

    /// <summary>404 for a video that does not exist or is not the caller's: the two look the same on purpose.</summary>
    protected ObjectResult NoSuchVideo() => ProblemResponse(StatusCodes.Status404NotFound, "Not found", "There is no such video.");

    protected ObjectResult InvalidQuery(string detail) => ProblemResponse(StatusCodes.Status400BadRequest, "Invalid query", detail);

    /// <summary>
    /// The 400 for a time <paramref name="t"/> (seconds) outside <paramref name="video"/>, or null when it is inside
    /// (with a second of slack: a container's stated length is rounded).
    /// </summary>
    protected ObjectResult? TimeOutside(Video video, double t) =>
        double.IsFinite(t) && t >= 0 && t <= video.DurationSeconds + 1
            ? null
            : InvalidQuery($"t must be a number of seconds between 0 and the video's length ({video.DurationSeconds:0.##} s).");
}
