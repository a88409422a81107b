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

        services.AddControllersWithViews(o => o.Filters.Add<CookieAntiforgeryFilter>());
        services.AddProblemDetails();
        services.AddOpenApi();
        services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = 16 << 20);

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<UploadStorage>();
        services.AddScoped<ApiTokenService>();
        services.AddScoped<VideoService>();
        services.AddScoped<VideoUploadService>();
        return services;
    }

    /// <summary>Error handling, security headers, static files, authentication, rate limiting, authorization — in that order.</summary>
    public static WebApplication UseCrowdPortalPipeline(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = UnhandledErrorHandler.HandleAsync });
        app.UseStatusCodePagesWithReExecute("/Home/Status/{0}");
        if (!app.Environment.IsDevelopment())
        {
            app.UseHsts();
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }

    public static WebApplication MapCrowdPortalEndpoints(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapControllerRoute("default", "{controller=Home}/{action=Index}/{id?}");
        return app;
    }
}
