using CrowdPortal.Web.Security;
using Hangfire;

namespace CrowdPortal.Web.Cluster;

/// <summary>
/// Hangfire's dashboard of the upload analyses' jobs at <see cref="Path"/>, for the administrator only: the portal's
/// own authorization policy guards it (sign-in for strangers, 403 for other accounts), so Hangfire's local-only filter
/// is replaced by none. Its pages need inline scripts and styles: <see cref="SecurityHeadersMiddleware"/> relaxes the
/// CSP on this path only.
/// </summary>
internal static class JobsDashboard
{
    public const string Path = "/admin/jobs";

    public static WebApplication MapJobsDashboard(this WebApplication app)
    {
        var options = new DashboardOptions
        {
            Authorization = [],
            AppPath = "/Admin",
            DashboardTitle = "CrowdPortal jobs",
            DisplayStorageConnectionString = false,
        };
        app.MapHangfireDashboard(Path, options, app.Services.GetRequiredService<JobStorage>())
            .RequireAuthorization(Administrators.PolicyName);
        return app;
    }
}
