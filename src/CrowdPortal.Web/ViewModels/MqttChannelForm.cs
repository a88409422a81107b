using CrowdPortal.Web.Notifications;
using CrowdPortal.Web.Notifications.Mqtt;

namespace CrowdPortal.Web.ViewModels;

/// <summary>The "new MQTT channel" form of Settings → Notifications. The password is never put back into the page.</summary>
public sealed class MqttChannelForm
{
    public string Name { get; set; } = string.Empty;

    public string Host { get; set; } = string.Empty;

    public int? Port { get; set; }

    public bool Tls { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    public string TopicPrefix { get; set; } = MqttTopics.DefaultPrefix;

    /// <summary>Subscribed events (none ticked binds as none, so the default is empty; a new form gets <see cref="WithDefaults"/>).</summary>
    public List<string> Events { get; set; } = [];

    public string? MinLevel { get; set; }

    /// <summary>A new form: alerts starting and ending and cameras going offline ticked.</summary>
    public static MqttChannelForm WithDefaults() => new()
    {
        Events = [NotificationEventTypes.AlertStarted, NotificationEventTypes.AlertEnded, NotificationEventTypes.CameraOffline],
    };

    public ChannelRequest ToRequest() => new(
        NotificationChannelService.MqttKind, Name, Url: null, Events, VideoIds: null, string.IsNullOrEmpty(MinLevel) ? null : MinLevel,
        Host: Host, Port: Port, Tls: Tls, Username: string.IsNullOrEmpty(Username) ? null : Username,
        Password: string.IsNullOrEmpty(Password) ? null : Password, TopicPrefix: TopicPrefix);
}
