using CrowdPortal.Core.Alerts;

namespace CrowdPortal.Data.Entities;

/// <summary>
/// Where one user's events go (the <c>notification_channels</c> table): a webhook today. It subscribes to event types
/// and may narrow them to some videos/cameras and a minimum alert level. Its delivery state lives here too: consecutive
/// failures, when the next attempt may be made, whether it is paused, and which node is sending to it right now.
/// </summary>
public class NotificationChannel
{
    public long Id { get; set; }

    public required string UserId { get; set; }

    public required string Name { get; set; }

    /// <summary><c>webhook</c>, <c>email</c> or <c>mqtt</c>.</summary>
    public required string Kind { get; set; }

    /// <summary>The webhook's http/https URL.</summary>
    public string? Url { get; set; }

    /// <summary>An e-mail channel's recipients, comma-separated.</summary>
    public string? EmailTo { get; set; }

    /// <summary>
    /// The webhook signing secret (<c>whsec_…</c>), or an MQTT channel's broker password, encrypted with ASP.NET Data
    /// Protection; a webhook secret is shown to the user once, when the channel is created, and neither is ever returned.
    /// </summary>
    public string? SecretProtected { get; set; }

    /// <summary>An MQTT channel's broker host name or address.</summary>
    public string? MqttHost { get; set; }

    /// <summary>An MQTT channel's broker port (1883, or 8883 with TLS).</summary>
    public int? MqttPort { get; set; }

    /// <summary>Whether the MQTT connection uses TLS (the broker's certificate checked against the host name).</summary>
    public bool MqttTls { get; set; }

    /// <summary>An MQTT channel's user name; its password is kept encrypted in <see cref="SecretProtected"/>.</summary>
    public string? MqttUsername { get; set; }

    /// <summary>The topic every MQTT message of the channel starts with, e.g. <c>crowdportal</c>.</summary>
    public string? MqttTopicPrefix { get; set; }

    /// <summary>How the MQTT connection stands, in words for the user (connected, or why not), written by the node holding it.</summary>
    public string? MqttConnection { get; set; }

    /// <summary>Subscribed event types, comma-separated (<c>alert.started,alert.ended</c>).</summary>
    public required string Events { get; set; }

    /// <summary>Video/camera ids the channel is narrowed to, comma-separated; null for all of the user's.</summary>
    public string? VideoIds { get; set; }

    /// <summary>Lowest alert level sent (warning or critical; stored as its word); null sends every level.</summary>
    public AlertLevel? MinLevel { get; set; }

    /// <summary>Failed attempts in a row; reset by a success. At Notifications:MaxFailures the channel pauses.</summary>
    public int ConsecutiveFailures { get; set; }

    /// <summary>No attempt before this time (exponential back-off after a failure); null when none is pending.</summary>
    public DateTime? RetryAt { get; set; }

    /// <summary>When the channel paused after too many failures; null while active. Resuming clears it.</summary>
    public DateTime? PausedAt { get; set; }

    /// <summary>Why it paused, in words for the user (the last failure).</summary>
    public string? PauseReason { get; set; }

    /// <summary>The sender (node and round) delivering to this channel now, so one node at a time sends to it.</summary>
    public string? ClaimedBy { get; set; }

    /// <summary>When that claim lapses if its node dies without releasing it.</summary>
    public DateTime? ClaimedUntil { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public AppUser? User { get; set; }
}
