namespace CrowdPortal.Web.Notifications.Mqtt;

internal static class MqttServiceCollectionExtensions
{
    /// <summary>MQTT channels: their rules, the broker address checks and the supervisor holding their connections.</summary>
    public static IServiceCollection AddCrowdPortalMqttChannels(this IServiceCollection services)
    {
        services.AddSingleton<MqttBrokerAddressPolicy>();
        services.AddSingleton<MqttBrokerTrust>();
        services.AddScoped<MqttChannelRules>();
        services.AddHostedService<MqttSupervisorHostedService>();
        return services;
    }
}
