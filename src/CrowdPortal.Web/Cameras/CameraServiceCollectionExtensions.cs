using CrowdPortal.Web.Hubs;

namespace CrowdPortal.Web.Cameras;

/// <summary>Live cameras: IP cameras analysed server-side, browser webcams over SignalR, retention of their rows.</summary>
internal static class CameraServiceCollectionExtensions
{
    public static IServiceCollection AddCrowdPortalCameras(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CameraSettings>().Bind(configuration.GetSection(CameraSettings.SectionName))
            .Validate(s => s.IsValid(), "Cameras settings must be positive and Cameras:AllowedNetworks CIDRs such as 10.0.0.0/8 (see README, Cameras).").ValidateOnStart();
        services.AddSingleton<CameraUrlProtector>();
        services.AddSingleton<CameraAddressPolicy>();
        services.AddSingleton<CameraConnectionStore>();
        services.AddSingleton<CameraRuntime>();
        services.AddSingleton<CameraNotifier>();
        services.AddSingleton<LiveAnalysisHost>();
        services.AddSingleton<CameraAnalysisRunner>();
        services.AddSingleton<CameraSupervisor>();
        services.AddHostedService(sp => sp.GetRequiredService<CameraSupervisor>());
        services.AddSingleton<WebcamSessions>();
        services.AddScoped<CameraService>();
        services.AddSingleton<CameraRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<CameraRetention>());

        // A webcam frame is one JPEG as base64 text: far above SignalR's 32 KB default. AddHubOptions (not a plain
        // Configure) so SignalR uses these hub-specific options instead of the global ones.
        int maxFrameBytes = (configuration.GetSection(CameraSettings.SectionName).Get<CameraSettings>() ?? new CameraSettings()).MaxWebcamFrameBytes;
        services.AddSignalR().AddHubOptions<WebcamHub>(hub => hub.MaximumReceiveMessageSize = (maxFrameBytes / 3 * 4) + 4096);
        return services;
    }

    public static WebApplication MapCrowdPortalCameras(this WebApplication app)
    {
        app.MapHub<WebcamHub>(WebcamHub.Path);
        return app;
    }
}
