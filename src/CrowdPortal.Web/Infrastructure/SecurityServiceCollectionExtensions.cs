using System.Threading.RateLimiting;
using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using CrowdPortal.Web.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;

namespace CrowdPortal.Web.Infrastructure;

internal static class SecurityServiceCollectionExtensions
{
    /// <summary>The policy scheme that picks the API-token handler for bearer requests and the login cookie otherwise.</summary>
    public const string CombinedScheme = "CookieOrToken";

    /// <summary>Rate-limiter policy on login and registration.</summary>
    public const string AuthRateLimitPolicy = "auth";

    /// <summary>
    /// Identity with the password, lockout and cookie rules of SECURITY.md; the API-token scheme; a fallback policy that
    /// requires a signed-in user everywhere unless an endpoint says [AllowAnonymous]; the login rate limit; antiforgery.
    /// </summary>
    public static IServiceCollection AddCrowdPortalSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddIdentity<AppUser, IdentityRole>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                o.User.RequireUniqueEmail = false;
                o.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@+";
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<CrowdPortalDbContext>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<CommonPasswordValidator>();

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "crowdportal.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/Login";
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            o.Events.OnRedirectToLogin = ctx => ApiAwareRedirect(ctx, StatusCodes.Status401Unauthorized);
            // Sign-out and password change end sessions at once: the stamp is compared on every request. Identity's own
            // validator (it refreshes the cookie's claims every 30 minutes) runs after it on the cookies still valid.
            var refreshClaims = o.Events.OnValidatePrincipal;
            o.Events.OnValidatePrincipal = async ctx =>
            {
                await SessionStampCheck.ValidateAsync(ctx);
                if (ctx.Principal is not null)
                {
                    await refreshClaims(ctx);
                }
            };
            // A signed-in user who may not see a page gets 403 (the friendly "Not allowed" page), not the login form again.
            o.Events.OnRedirectToAccessDenied = ctx =>
            {
                ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = CombinedScheme;
                o.DefaultChallengeScheme = CombinedScheme;
                o.DefaultAuthenticateScheme = CombinedScheme;
            })
            .AddPolicyScheme(CombinedScheme, "Login cookie or API token", o =>
                o.ForwardDefaultSelector = ctx => ApiTokenAuthenticationHandler.HasBearer(ctx.Request)
                    ? ApiTokenAuthenticationHandler.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthenticationHandler>(ApiTokenAuthenticationHandler.SchemeName, null);

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Administrators.PolicyName, p => p.RequireAuthenticatedUser().AddRequirements(new AdministratorRequirement()));
        services.AddScoped<Administrators>();
        services.AddScoped<RegistrationPolicy>();
        services.AddScoped<IAuthorizationHandler, AdministratorAuthorizationHandler>();

        services.AddAntiforgery(o =>
        {
            o.HeaderName = "RequestVerificationToken";
            o.Cookie.Name = "crowdportal.af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        var limits = configuration.GetSection(RateLimitingOptions.SectionName).Get<RateLimitingOptions>() ?? new RateLimitingOptions();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(AuthRateLimitPolicy, ctx => RateLimitPartition.GetFixedWindowLimiter(
                ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.AuthPermitLimit,
                    Window = TimeSpan.FromSeconds(limits.AuthWindowSeconds),
                    QueueLimit = 0,
                }));
            o.OnRejected = async (ctx, ct) =>
            {
                ctx.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("CrowdPortal.RateLimit")
                    .LogWarning("Rate limit hit on {Path} from {Ip}", ctx.HttpContext.Request.Path, ctx.HttpContext.Connection.RemoteIpAddress);
                ctx.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                await ctx.HttpContext.Response.WriteAsync("Too many attempts. Wait a minute and try again.", ct);
            };
        });

        return services;
    }

    /// <summary>API calls get a bare status code; pages are redirected to the login page.</summary>
    private static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int apiStatus)
    {
        if (ProblemResults.IsApiRequest(ctx.HttpContext) || ctx.Request.Path.StartsWithSegments("/hubs"))
        {
            ctx.Response.StatusCode = apiStatus;
            return Task.CompletedTask;
        }

        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }
}
