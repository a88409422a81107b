using CrowdPortal.Web.Analysis;
using CrowdPortal.Web.Cameras;
using CrowdPortal.Web.Cluster;
using CrowdPortal.Web.Hubs;
using CrowdPortal.Web.Notifications;
using CrowdPortal.Web.Security;
using CrowdPortal.Web.Services;
using Microsoft.AspNetCore.Http.Features;

namespace CrowdPortal.Web.Infrastructure;

internal static class WebServiceCollectionExtensions
{
    /// <summary>MVC with the global antiforgery filter, ProblemDetails, OpenAPI, options and the portal's services.</summary>
    public static IServiceCollection AddCrowdPortalWeb(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName));
        services.AddOptions<UploadOptions>().Bind(configuration.GetSection(UploadOptions.SectionName))
            .Validate(o => o.MaxBytes > 0, "Uploads:MaxBytes must be positive.").ValidateOnStart();

        services.AddControllersWithViews(o => o.Filters.Add<CookieAntiforgeryFilter>())
            .ConfigureApiBehaviorOptions(o => o.InvalidModelStateResponseFactory = ValidationProblems.FromModelState);
        services.AddProblemDetails();
        services.AddCrowdPortalApiDocumentation();
        services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = 16 << 20);

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<UploadStorage>();
        services.AddScoped<ApiTokenService>();
        services.AddScoped<VideoService>();
        services.AddScoped<VideoUploadService>();
        services.AddScoped<ZoneService>();
        services.AddSingleton<FrameService>();
        services.AddScoped<CountSeriesService>();
        services.AddScoped<AlertService>();
        services.AddScoped<SystemStatusService>();
        services.AddSingleton<TrackReplayService>();
        services.AddScoped<Privacy.PersonalDataExport>();
        services.AddScoped<Privacy.AccountEraser>();
        services.AddSingleton<Privacy.PictureProtector>();
        services.AddSingleton<Privacy.CleanPlateFiles>();
        services.AddScoped<Privacy.PrivacyService>();
        services.AddScoped<Privacy.FootageRetention>();
        services.AddOptions<Privacy.PrivacySettings>().Bind(configuration.GetSection(Privacy.PrivacySettings.SectionName))
            .Validate(o => Privacy.PrivacyLevels.TryParse(o.DefaultLevel, out _), "Privacy:DefaultLevel must be off, blur or counts-only.")
            .ValidateOnStart();

        services.AddOptions<AnalysisSettings>().Bind(configuration.GetSection(AnalysisSettings.SectionName))
            .Validate(o => o.MaxConcurrent >= 1 && o.FrameStride >= 1 && o.LiveFramesPerSecond > 0, "Analysis settings must be positive.")
            .Validate(o => TilingSettingsValid(o.Tiling),
                "Analysis:AutoTilingFactor must be at least 1, Analysis:TilingGrid 2 to 4 and Analysis:TilingOverlap at least 0 and below 0.5.")
            .ValidateOnStart();
        services.AddSingleton<AnalysisJobs>();
        services.AddSingleton<AnalysisNotifier>();
        services.AddSingleton<DetectorProvider>();
        services.AddScoped<AnalysisJob>();
        services.AddScoped<AnalysisService>();
        services.AddScoped<TilingService>();
        services.AddScoped<FarAreaService>();
        services.AddCrowdPortalCameras(configuration);
        services.AddCrowdPortalNotifications(configuration);
        return services;
    }

    /// <summary>Error handling, security headers, static files, authentication, rate limiting, authorization — in that order.</summary>
    public static WebApplication UseCrowdPortalPipeline(this WebApplication app)
    {
        if (!app.Services.GetRequiredService<ClusterNode>().ServesWeb)
        {
            return app; // a worker serves only its health endpoints
        }

        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = UnhandledErrorHandler.HandleAsync });
        app.UseStatusCodePagesWithReExecute("/Home/Status/{0}");
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseStaticFiles();
        app.UseCrowdPortalApiReference();
        app.UseRouting();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapCrowdPortalEndpoints(this WebApplication app)
    {
        app.MapCrowdPortalHealth();
        if (!app.Services.GetRequiredService<ClusterNode>().ServesWeb)
        {
            // Anything else is not here: a bare 404 (not the sign-in redirect the global policy would answer with).
            app.MapFallback(context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }).AllowAnonymous();
            return app;
        }

        app.MapCrowdPortalApiDocumentation();
        app.MapHub<AnalysisHub>(AnalysisHub.Path);
        app.MapCrowdPortalCameras();
        app.MapJobsDashboard();
        app.MapControllerRoute("default", "{controller=Home}/{action=Index}/{id?}");
        return app;
    }

    private static bool TilingSettingsValid(Vision.Detectors.TilingOptions tiling)
    {
        try
        {
            tiling.Validate();
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }
}
