using CrowdPortal.Data.Entities;
using CrowdPortal.Web.Cameras;
using CrowdPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CrowdPortal.Web.Controllers;

/// <summary>
/// The camera pages: the list (add, start/stop, delete), a webcam's capture page and the live wall. Their scripts talk
/// to the cameras API and the hubs; this controller only checks what belongs to the user.
/// </summary>
[Authorize]
public sealed class CamerasController(CameraService cameras) : Controller
{
    [HttpGet("/Cameras")]
    public async Task<IActionResult> Index(CancellationToken ct) => View(await cameras.ListAsync(User.GetUserId(), ct));

    [HttpGet("/Cameras/Webcam/{id:long}")]
    public async Task<IActionResult> Webcam(long id, CancellationToken ct)
    {
        var camera = await cameras.FindAsync(User.GetUserId(), id, ct);
        return camera is null || camera.Kind != VideoSourceKind.Webcam ? NotFound() : View(camera);
    }

    [HttpGet("/Cameras/Wall")]
    public async Task<IActionResult> Wall(CancellationToken ct) => View(await cameras.ListAsync(User.GetUserId(), ct));
}
