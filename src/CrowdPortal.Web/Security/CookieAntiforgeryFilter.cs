using CrowdPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace CrowdPortal.Web.Security;

/// <summary>
/// Requires a valid antiforgery token on every state-changing request (forms and cookie-authenticated API calls).
/// Requests that carry a bearer token are exempt: a browser never attaches one on its own, so they cannot be forged
/// cross-site, and the login cookie is not consulted for them. So is the re-executed error page of a refused request
/// (it changes nothing, and the refusal must keep its own status).
/// </summary>
internal sealed class CookieAntiforgeryFilter(IAntiforgery antiforgery, ILogger<CookieAntiforgeryFilter> logger) : IAsyncAuthorizationFilter
{
    public async Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var request = context.HttpContext.Request;
        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method)
            || ApiTokenAuthenticationHandler.HasBearer(request)
            || context.HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null)
        {
            return;
        }

        try
        {
            await antiforgery.ValidateRequestAsync(context.HttpContext);
        }
        catch (AntiforgeryValidationException)
        {
            logger.LogWarning("Refused {Method} {Path}: missing or invalid antiforgery token", request.Method, request.Path);
            context.Result = ProblemResults.Create(context.HttpContext, StatusCodes.Status400BadRequest, "Missing or invalid antiforgery token",
                "The form has expired or did not come from CrowdPortal. Reload the page and try again.");
        }
    }
}
