using CrowdPortal.Web.ViewModels;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace CrowdPortal.Web.Infrastructure;

/// <summary>
/// One way to answer an error: ProblemDetails JSON for the API (<c>/api/…</c>), the friendly error page for pages.
/// Messages are written for the user; nothing internal (stack traces, SQL, paths) goes in them.
/// </summary>
internal static class ProblemResults
{
    public static bool IsApiRequest(HttpContext context) => context.Request.Path.StartsWithSegments("/api");

    public static IActionResult Create(HttpContext context, int status, string title, string detail) =>
        Create(context, status, title, detail, IsApiRequest(context));

    public static IActionResult Create(HttpContext context, int status, string title, string detail, bool asApi)
    {
        if (asApi)
        {
            var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
            problem.Extensions["traceId"] = context.TraceIdentifier;
            return new ObjectResult(problem) { StatusCode = status, ContentTypes = { "application/problem+json" } };
        }

        var viewData = new ViewDataDictionary<ErrorViewModel>(new Microsoft.AspNetCore.Mvc.ModelBinding.EmptyModelMetadataProvider(), new())
        {
            Model = new ErrorViewModel(status, title, detail, context.TraceIdentifier),
        };
        return new ViewResult { ViewName = "~/Views/Shared/Error.cshtml", ViewData = viewData, StatusCode = status };
    }
}
