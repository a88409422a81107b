using CrowdPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace CrowdPortal.Web.Controllers;

public sealed class HomeController : Controller
{
    [HttpGet]
    public IActionResult Index() => RedirectToAction("Index", "Videos");

    /// <summary>
    /// The page behind every bare error status (404, 401, 429…): the friendly page for pages, ProblemDetails for the API.
    /// </summary>
    [AllowAnonymous]
    [Route("/Home/Status/{code:int}")]
    public IActionResult Status(int code)
    {
        var original = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        bool api = original?.OriginalPath.StartsWith("/api", StringComparison.OrdinalIgnoreCase) ?? false;

        (string title, string detail) = code switch
        {
            404 => ("Not found", "There is nothing here. The page may have been deleted, or the address is wrong."),
            401 => ("Sign in needed", "Sign in to use CrowdPortal."),
            403 => ("Not allowed", "Your account cannot do this."),
            405 => ("Not allowed", "This address does not accept that kind of request."),
            413 => ("Too large", "The request is larger than CrowdPortal accepts."),
            429 => ("Too many attempts", "Wait a minute and try again."),
            _ => ("Something went wrong", "The request could not be completed."),
        };
        return ProblemResults.Create(HttpContext, code is >= 400 and < 600 ? code : 400, title, detail, api);
    }
}
