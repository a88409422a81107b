using CrowdPortal.Web.Infrastructure;
using CrowdPortal.Web.Services;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CrowdPortal.Web.Controllers.Api;

/// <summary>All of the user's alerts, across videos, and acknowledging one.</summary>
[ApiController]
[Authorize]
[Route("api/v1/alerts")]
public sealed class AlertsApiController(AlertService alerts) : ControllerBase
{
    [HttpGet]
    public async Task<IActionResult> List([FromQuery] long? videoId, [FromQuery] string? level, [FromQuery] string? zone,
        [FromQuery] bool? acknowledged, CancellationToken ct)
    {
        if (level is not null and not ("warning" or "critical"))
        {
            return ProblemResults.Create(HttpContext, StatusCodes.Status400BadRequest, "Invalid query", "level must be 'warning' or 'critical'.");
        }

        return Ok(await alerts.ListAsync(User.GetUserId(), new AlertService.Filter(videoId, level, zone, acknowledged), ct));
    }

    [HttpPost("{alertId:long}/acknowledge")]
    public async Task<IActionResult> Acknowledge(long alertId, CancellationToken ct)
    {
        var alert = await alerts.AcknowledgeAsync(User.GetUserId(), User.Identity?.Name ?? "api token", alertId, ct);
        return alert is null
            ? ProblemResults.Create(HttpContext, StatusCodes.Status404NotFound, "Not found", "There is no such alert.")
            : Ok(alert);
    }
}
