using System.Security.Claims;
using System.Text.Encodings.Web;
using CrowdPortal.Web.Services;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CrowdPortal.Web.Security;

/// <summary>Authenticates <c>Authorization: Bearer &lt;token&gt;</c> with a personal API token.</summary>
internal sealed class ApiTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiTokenService tokens) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!TryReadBearer(Request, out string? secret))
        {
            return AuthenticateResult.NoResult();
        }

        var owner = await tokens.FindUserAsync(secret, Context.RequestAborted);
        if (owner is not { } user)
        {
            Logger.LogWarning("Refused an unknown or revoked API token from {Ip}", Context.Connection.RemoteIpAddress);
            return AuthenticateResult.Fail("Unknown or revoked API token.");
        }

        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, user.UserId) };
        if (user.UserName is not null)
        {
            claims.Add(new Claim(ClaimTypes.Name, user.UserName));
        }

        var identity = new ClaimsIdentity(claims, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }

    /// <summary>True when the request carries a bearer token (whatever its value).</summary>
    public static bool HasBearer(HttpRequest request) => TryReadBearer(request, out _);

    private static bool TryReadBearer(HttpRequest request, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? secret)
    {
        string header = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        if (header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && header.Length > prefix.Length)
        {
            secret = header[prefix.Length..].Trim();
            return secret.Length > 0;
        }

        secret = null;
        return false;
    }
}
