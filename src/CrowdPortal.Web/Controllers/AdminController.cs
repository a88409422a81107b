using CrowdPortal.Web.Security;
using CrowdPortal.Web.Services;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CrowdPortal.Web.Controllers;

/// <summary>The administrator's System page: camera health and dropped results across the installation.</summary>
[Authorize(Policy = Administrators.PolicyName)]
public sealed class AdminController(SystemStatusService status) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken ct) => View(await status.GetAsync(ct));
}
