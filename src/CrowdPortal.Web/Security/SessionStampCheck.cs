using System.Security.Claims;
using CrowdPortal.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrowdPortal.Web.Security;

/// <summary>
/// Ends a login cookie's session on its very next request once the account's security stamp has changed — sign-out and
/// password change both change it — or the account is gone. Identity's own validator compares the stamp only every
/// few minutes (and re-issues the cookie when it does), so a copied cookie would keep working until then; this reads the
/// one column on every cookie-authenticated request instead (a primary-key lookup) and never re-issues anything.
/// </summary>
internal static class SessionStampCheck
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var claimTypes = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        string? userId = context.Principal?.FindFirstValue(claimTypes.UserIdClaimType);
        string? stamp = context.Principal?.FindFirstValue(claimTypes.SecurityStampClaimType);
        string? current = null;
        if (userId is not null)
        {
            current = await services.GetRequiredService<CrowdPortalDbContext>().Users.AsNoTracking()
                .Where(u => u.Id == userId).Select(u => u.SecurityStamp).FirstOrDefaultAsync(context.HttpContext.RequestAborted);
        }

        if (current is not null && string.Equals(current, stamp, StringComparison.Ordinal))
        {
            return;
        }

        services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SessionStampCheck))
            .LogInformation("Refused a login cookie of user {UserId}: the session was ended (signed out or password changed)", userId);
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}
