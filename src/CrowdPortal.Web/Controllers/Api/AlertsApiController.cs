using CrowdPortal.Core.Alerts;
using CrowdPortal.Web.Infrastructure;
using CrowdPortal.Web.Services;
using Microsoft.AspNetCore.Mvc;

namespace CrowdPortal.Web.Controllers.Api;

/// <summary>All of the user's alerts, across videos, and acknowledging one.</summary>
[Route("api/v1/alerts")]
public sealed class AlertsApiController(AlertService alerts) : ApiControllerBase
{
    [EndpointSummary("List your alerts, filtered by video, level, zone or acknowledgement")]
    [HttpGet]
    public async Task<IActionResult> List([FromQuery] long? videoId, [FromQuery] string? level, [FromQuery] string? zone,
        [FromQuery] bool? acknowledged, CancellationToken ct)
    {
        if (!AlertLevelNames.TryParseAlertLevel(level, out var wanted))
        {
            return InvalidQuery("level must be 'warning' or 'critical'.");
        }

        return Ok(await alerts.ListAsync(User.GetUserId(), new AlertService.Filter(videoId, wanted, zone, acknowledged), ct));
    }

    [EndpointSummary("Acknowledge an alert")]
    [HttpPost("{alertId:long}/acknowledge")]
    public async Task<IActionResult> Acknowledge(long alertId, CancellationToken ct)
    {
        var alert = await alerts.AcknowledgeAsync(User.GetUserId(), User.Identity?.Name ?? "api token", alertId, ct);
        return alert is null
            ? ProblemResponse(StatusCodes.Status404NotFound, "Not found", "There is no such alert.")
            : Ok(alert);
    }
}
