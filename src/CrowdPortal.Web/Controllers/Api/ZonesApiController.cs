using CrowdPortal.Core.Zones;
using CrowdPortal.Web.Infrastructure;
using CrowdPortal.Web.Services;
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
    public async Task<IActionResult> Get(long id, CancellationToken ct)
    {
        var set = await zones.GetAsync(User.GetUserId(), id, ct);
        return set is null ? NoSuchVideo() : Content(ZoneSetJson.Serialize(set.Zones), "application/json");
    }

    /// <summary>Replaces every zone of the video. Validated in full first: 400 names each bad zone and field.</summary>
    [EndpointSummary("Replace all zones (validated in full first)")]
    [HttpPut]
    [Consumes("application/json")]
    [RequestSizeLimit(MaxBodyBytes)]
    public async Task<IActionResult> Put(long id, CancellationToken ct)
    {
        string body;
        using (var reader = new StreamReader(Request.Body))
        {
            body = await reader.ReadToEndAsync(ct);
        }

        var parsed = ZoneSetJson.Parse(body);
        if (!parsed.IsValid)
        {
            var problem = ProblemResponse(StatusCodes.Status400BadRequest, "Invalid zones",
                string.Join(" ", parsed.Errors.Select(e => e.ToString())));
            ((ProblemDetails)problem.Value!).Extensions["errors"] = parsed.Errors.Select(e => new { zone = e.Zone, field = e.Field, message = e.Message });
            return problem;
        }

        return await zones.ReplaceAsync(User.GetUserId(), id, parsed.ZoneSet, ct)
            ? Content(ZoneSetJson.Serialize(parsed.ZoneSet.Zones), "application/json")
            : NoSuchVideo();
    }
}
