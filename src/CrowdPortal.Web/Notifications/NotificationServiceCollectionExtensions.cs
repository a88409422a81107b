using CrowdPortal.Web.Notifications.Mqtt;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CrowdPortal.Web.Notifications;

internal static class NotificationServiceCollectionExtensions
{
    /// <summary>Channels, the outbox's event factory, the webhook HTTP client (checked connections, no redirects), SMTP and the sender.</summary>
    public static IServiceCollection AddCrowdPortalNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NotificationSettings>().Bind(configuration.GetSection(NotificationSettings.SectionName))
            .Validate(s => s.IsValid(), "Notifications settings are invalid: MaxFailures >= 1, positive times, PortalUrl an absolute URL or empty.")
            .ValidateOnStart();
        services.AddOptions<SmtpSettings>().Bind(configuration.GetSection(SmtpSettings.SectionName))
            .Validate(s => s.IsValid(), "Smtp settings are invalid: a port 1-65535, Security Auto, StartTls, SslOnConnect or None, and a From address.")
            .ValidateOnStart();
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<DispatchBroadcast>();
        services.AddSingleton<IInterceptor, OutboxWriteInterceptor>(); // added to the DbContext by AddCrowdPortalData
        services.AddSingleton<EmailSender>();
        services.AddSingleton<NotificationEvents>();
        services.AddSingleton<ChannelSecretProtector>();
        services.AddSingleton<WebhookAddressPolicy>();
        services.AddSingleton<WebhookConnector>();
        services.AddSingleton<WebhookClient>();
        services.AddSingleton<ChannelDeliverer>();
        services.AddScoped<NotificationChannelService>();
        services.AddScoped<MailServerStore>();
        services.AddScoped<ChannelSubscription>();
        services.AddScoped<ChannelReceivesRules>();
        services.AddHttpClient(WebhookClient.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseProxy = false, // the checked address must be the one connected to
                UseCookies = false,
                ConnectCallback = sp.GetRequiredService<WebhookConnector>().ConnectAsync,
            })
            .ConfigureHttpClient(c =>
            {
                c.Timeout = Timeout.InfiniteTimeSpan; // WebhookClient times each attempt, answer included
                c.DefaultRequestHeaders.UserAgent.ParseAdd("CrowdPortal-Webhooks/1.0");
            });
        services.AddHostedService<NotificationSenderHostedService>();
        services.AddCrowdPortalMqttChannels();
        return services;
    }
}
