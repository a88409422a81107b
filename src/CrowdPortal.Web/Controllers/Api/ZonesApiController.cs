using CrowdPortal.Core.Zones;
using CrowdPortal.Web.Infrastructure;
using CrowdPortal.Web.Services;
using CrowdPortal.Web.ViewModels;
using Microsoft.AspNetCore.Mvc;

namespace CrowdPortal.Web.Controllers.Api;

/// <summary>The zones of a video: <c>[{zoneId, label, kind, points: [[x,y],...], warning, critical, areaM2, colour, anchor, inertia}]</c>.</summary>
[Route("api/v1/videos/{id:long}/zones")]
[Route("api/v1/cameras/{id:long}/zones")]
public sealed class ZonesApiController(ZoneService zones) : ApiControllerBase
{
    /// <summary>Largest accepted zones document; 50 zones of 100 points fit easily.</summary>
    private const int MaxBodyBytes = 512 * 1024;

    [EndpointSummary("Get the zones")]
    [HttpGet]
    [ProducesResponseType<IReadOnlyList<ZoneDto>>(StatusCodes.Status200OK, "application/json")]
    public async Task<IActionResult> Get(long id, CancellationToken ct)
    {
        var set = await zones.GetAsync(User.GetUserId(), id, ct);
        return set is null ? NoSuchVideo() : Content(ZoneSetJson.Serialize(set.Zones), "application/json");
    }

    /// <summary>
    /// Replaces every zone of the video. The body is checked in full first: a 400 <c>ValidationProblemDetails</c> names
    /// each bad zone and field (<c>errors</c>: JSON path -> sentences), and the old zones stay.
    /// </summary>
    [EndpointSummary("Replace all zones (validated in full first)")]
    [HttpPut]
    [Consumes("application/json")]
    [RequestSizeLimit(MaxBodyBytes)]
    [ProducesResponseType<IReadOnlyList<ZoneDto>>(StatusCodes.Status200OK, "application/json")]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, "application/problem+json")]
    public async Task<IActionResult> Put(long id, [FromBody] IReadOnlyList<ZoneDto> body, CancellationToken ct)
    {
        if (!ZoneBody.TryRead(body, out ZoneSet set, out IReadOnlyDictionary<string, string[]> errors))
        {
            return ValidationProblems.Create(HttpContext, "Invalid zones", errors);
        }

        return await zones.ReplaceAsync(User.GetUserId(), id, set, ct)
            ? Content(ZoneSetJson.Serialize(set.Zones), "application/json")
            : NoSuchVideo();
    }
}
