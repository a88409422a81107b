using Microsoft.AspNetCore.Authorization;

namespace CrowdPortal.Web.Security;

/// <summary>Only an administrator (<see cref="Administrators"/>) meets this requirement.</summary>
public sealed class AdministratorRequirement : IAuthorizationRequirement;

/// <summary>
/// Checks the role in the database, so an API token carries no stale role and a revoked role takes effect at once; a
/// signed-in user who is refused is logged (refused access is worth an operator's eye).
/// </summary>
public sealed class AdministratorAuthorizationHandler(Administrators administrators, ILogger<AdministratorAuthorizationHandler> logger)
    : AuthorizationHandler<AdministratorRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, AdministratorRequirement requirement)
    {
        if (await administrators.IsAdministratorAsync(context.User))
        {
            context.Succeed(requirement);
        }
        else if (context.User.Identity?.IsAuthenticated == true)
        {
            string path = (context.Resource as HttpContext)?.Request.Path.Value ?? "?";
            logger.LogWarning("Refused {UserName} on {Path}: administrators only", context.User.Identity.Name ?? "?", path);
        }
    }
}
