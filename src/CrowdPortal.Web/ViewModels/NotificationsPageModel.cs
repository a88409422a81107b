using CrowdPortal.Web.Notifications;

namespace CrowdPortal.Web.ViewModels;

/// <summary>
/// Settings → Notifications: the user's channels with their recent deliveries, the form that creates a webhook, and
/// a just-created webhook's secret (shown once).
/// </summary>
public sealed class NotificationsPageModel
{
    public IReadOnlyList<ChannelDto> Channels { get; init; } = [];

    /// <summary>The newest deliveries of each channel, by channel id.</summary>
    public IReadOnlyDictionary<long, List<DeliveryDto>> Deliveries { get; init; } = new Dictionary<long, List<DeliveryDto>>();

    public WebhookForm Form { get; set; } = WebhookForm.WithDefaults();

    public string? NewSecret { get; set; }

    public string? NewChannelName { get; set; }

    public string? Error { get; set; }

    public string? Message { get; set; }
}

/// <summary>The "new webhook" form.</summary>
public sealed class WebhookForm
{
    public string Name { get; set; } = string.Empty;

    public string Url { get; set; } = string.Empty;

    /// <summary>Subscribed events (none ticked binds as none: the empty default is what a form without any gives).</summary>
    public List<string> Events { get; set; } = [];

    /// <summary>Empty for every level, else <c>warning</c> or <c>critical</c>.</summary>
    public string? MinLevel { get; set; }

    /// <summary>A new form: alerts starting and ending and cameras going offline ticked.</summary>
    public static WebhookForm WithDefaults() => new()
    {
        Events = [NotificationEventTypes.AlertStarted, NotificationEventTypes.AlertEnded, NotificationEventTypes.CameraOffline],
    };
}
