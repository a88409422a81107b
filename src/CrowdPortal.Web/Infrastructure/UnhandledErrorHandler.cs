using CrowdPortal.Web.ViewModels;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace CrowdPortal.Web.Infrastructure;

/// <summary>
/// The last resort for an exception nothing else handled: logs it with the request id, then answers 500 with a
/// ProblemDetails (API) or the friendly error page, never the exception text.
/// </summary>
internal static class UnhandledErrorHandler
{
    public static async Task HandleAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("CrowdPortal.Errors");
        logger.LogError(error, "Unhandled error on {Method} {Path} (request {RequestId})", context.Request.Method, context.Request.Path, context.TraceIdentifier);

        int status = error is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;
        string title = status == 500 ? "Something went wrong" : "Bad request";
        string detail = status == 500
            ? "CrowdPortal hit an unexpected error. Try again; if it keeps happening, give the request id to your administrator."
            : "The request could not be read.";
        context.Response.StatusCode = status;

        if (ProblemResults.IsApiRequest(context))
        {
            var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
            problem.Extensions["traceId"] = context.TraceIdentifier;
            await context.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
            return;
        }

        context.Response.ContentType = "text/html; charset=utf-8";
        var model = new ErrorViewModel(status, title, detail, context.TraceIdentifier);
        await context.Response.WriteAsync(ErrorPageHtml.Render(model));
    }
}
