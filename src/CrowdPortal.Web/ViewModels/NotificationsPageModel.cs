using CrowdPortal.Web.Notifications;

namespace CrowdPortal.Web.ViewModels;

/// <summary>
/// Settings → Notifications: the user's channels with their recent deliveries, the forms that create a webhook or an
/// e-mail channel, and
/// a just-created webhook's secret (shown once).
/// </summary>
public sealed class NotificationsPageModel
{
    public IReadOnlyList<ChannelDto> Channels { get; init; } = [];

    /// <summary>The newest deliveries of each channel, by channel id.</summary>
    public IReadOnlyDictionary<long, List<DeliveryDto>> Deliveries { get; init; } = new Dictionary<long, List<DeliveryDto>>();

    /// <summary>The user's videos and cameras, which a channel can be narrowed to.</summary>
    public IReadOnlyList<ChannelSubscription.Subject> Subjects { get; init; } = [];

    public ChannelForm Form { get; set; } = ChannelForm.WithDefaults();

    /// <summary>The "new MQTT channel" form (its own partial, <c>_MqttChannelForm</c>).</summary>
    public MqttChannelForm Mqtt { get; set; } = MqttChannelForm.WithDefaults();

    public string? NewSecret { get; set; }

    public string? NewChannelName { get; set; }

    public string? Error { get; set; }

    public string? Message { get; set; }
}

/// <summary>The "new webhook" and "new e-mail channel" forms.</summary>
public sealed class ChannelForm
{
    /// <summary><c>webhook</c> or <c>email</c>.</summary>
    public string Kind { get; set; } = NotificationChannelService.WebhookKind;

    public string Name { get; set; } = string.Empty;

    public string Url { get; set; } = string.Empty;

    /// <summary>An e-mail channel's addresses, comma-separated.</summary>
    public string To { get; set; } = string.Empty;

    /// <summary>Subscribed events (none ticked binds as none: the empty default is what a form without any gives).</summary>
    public List<string> Events { get; set; } = [];

    /// <summary>Empty for every level, else <c>warning</c> or <c>critical</c>.</summary>
    public string? MinLevel { get; set; }

    /// <summary>Only these videos/cameras; none ticked: all of them.</summary>
    public List<long> VideoIds { get; set; } = [];

    /// <summary>A new form: alerts starting and ending and cameras going offline ticked.</summary>
    public static ChannelForm WithDefaults() => new()
    {
        Events = [NotificationEventTypes.AlertStarted, NotificationEventTypes.AlertEnded, NotificationEventTypes.CameraOffline],
    };
}

/// <summary>The "change" form of one channel: what it receives.</summary>
public sealed class ChannelChangeForm
{
    public string? Name { get; set; }

    public List<string> Events { get; set; } = [];

    /// <summary>Only these videos/cameras; none ticked: all of them.</summary>
    public List<long> VideoIds { get; set; } = [];

    /// <summary>Empty for every level, else <c>warning</c> or <c>critical</c>.</summary>
    public string? MinLevel { get; set; }
}
