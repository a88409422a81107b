using CrowdPortal.Web.Infrastructure;
using CrowdPortal.Web.Security;
using CrowdPortal.Web.Services;
using CrowdPortal.Web.ViewModels;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CrowdPortal.Web.Controllers.Api;

/// <summary>For the administrator only (403 for everyone else): the installation's health, for monitoring scripts.</summary>
[ApiController]
[Authorize(Policy = Administrators.PolicyName)]
[Route("api/v1/admin")]
public sealed class AdminApiController(SystemStatusService status) : ControllerBase
{
    [EndpointSummary("Installation health: every account's cameras, the analysis queue and free space")]
    [HttpGet("status")]
    [ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
    public Task<SystemStatusDto> Status(CancellationToken ct) => status.GetAsync(ct);
}
