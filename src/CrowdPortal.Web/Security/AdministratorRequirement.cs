using Microsoft.AspNetCore.Authorization;

namespace CrowdPortal.Web.Security;

/// <summary>Only an administrator (<see cref="Administrators"/>) meets this requirement.</summary>
public sealed class AdministratorRequirement : IAuthorizationRequirement;

/// <summary>Checks the role in the database, so an API token carries no stale role and a revoked role takes effect at once.</summary>
public sealed class AdministratorAuthorizationHandler(Administrators administrators) : AuthorizationHandler<AdministratorRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, AdministratorRequirement requirement)
    {
        if (await administrators.IsAdministratorAsync(context.User))
        {
            context.Succeed(requirement);
        }
    }
}
