using System.Security.Claims;

namespace CrowdPortal.Web.Infrastructure;

internal static class ClaimsPrincipalExtensions
{
    /// <summary>The signed-in user's id (cookie or API token). Only called behind authorization, so it is always there.</summary>
    public static string GetUserId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("No signed-in user.");
}
