using System.Security.Claims;
using CrowdPortal.Data.Entities;
using CrowdPortal.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CrowdPortal.Web.Security;

/// <summary>
/// Who administers this installation. The first account registered on it becomes its administrator (as in Gitea or
/// Grafana: whoever set the portal up), and sees the System page: every camera's health and the results it dropped.
/// Administrators see no other user's videos, counts or frames: those stay private to their owners.
/// </summary>
public sealed class Administrators(UserManager<AppUser> users, RoleManager<IdentityRole> roles, ILogger<Administrators> logger)
{
    public const string RoleName = "Admin";

    /// <summary>The authorization policy that lets only administrators in.</summary>
    public const string PolicyName = "Administrator";

    /// <summary>
    /// Makes the installation's earliest account its administrator when it has none: called after each registration
    /// and at start-up (so an installation that had accounts before administrators existed gets one).
    /// </summary>
    public async Task EnsureAdministratorAsync()
    {
        if ((await users.GetUsersInRoleAsync(RoleName)).Count > 0)
        {
            return;
        }

        // The earliest account, not "whoever gets here first": two registrations racing cannot both win.
        var first = await users.Users.OrderBy(u => u.CreatedAt).ThenBy(u => u.Id).FirstOrDefaultAsync();
        if (first is null)
        {
            return;
        }

        try
        {
            if (!await roles.RoleExistsAsync(RoleName))
            {
                await roles.CreateAsync(new IdentityRole(RoleName));
            }

            if ((await users.AddToRoleAsync(first, RoleName)).Succeeded)
            {
                logger.LogInformation("Account {UserName} is the first on this installation and becomes its administrator", first.UserName);
            }
        }
        catch (DbUpdateException ex)
        {
            // A registration racing this one made the same grant (role name and membership are unique).
            logger.LogDebug(ex, "Administrator already granted");
        }
    }

    /// <summary>Start-up: see <see cref="EnsureAdministratorAsync"/>.</summary>
    public static async Task EnsureAdministratorAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<Administrators>().EnsureAdministratorAsync();
    }

    /// <summary>Whether the signed-in user is an administrator, read from the database (the same for cookies and API tokens).</summary>
    public async Task<bool> IsAdministratorAsync(ClaimsPrincipal principal)
    {
        if (principal.Identity?.IsAuthenticated != true)
        {
            return false;
        }

        var user = await users.FindByIdAsync(principal.GetUserId());
        return user is not null && await users.IsInRoleAsync(user, RoleName);
    }
}
