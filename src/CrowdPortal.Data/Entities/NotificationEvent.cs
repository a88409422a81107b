using CrowdPortal.Core.Alerts;

namespace CrowdPortal.Data.Entities;

/// <summary>
/// One event in the outbox (<c>notification_outbox</c>): written in the same transaction as the alert, camera state or
/// analysis result it reports, so an event exists exactly when its cause was stored. A sender later fans it out into
/// one <see cref="NotificationDelivery"/> per matching channel (<see cref="DispatchedAt"/> marks that done).
/// </summary>
public class NotificationEvent
{
    public long Id { get; set; }

    public required string UserId { get; set; }

    /// <summary><c>alert.started</c>, <c>alert.ended</c>, <c>alert.acknowledged</c>, <c>camera.offline</c>, <c>camera.online</c>,
    /// <c>analysis.completed</c>, <c>analysis.failed</c> or <c>test</c>.</summary>
    public required string Type { get; set; }

    /// <summary>The video or camera it is about (for channels narrowed to some); null for a test event.</summary>
    public long? VideoId { get; set; }

    /// <summary>
    /// What e-mail digests group by: <c>&lt;videoId&gt;/&lt;zoneId&gt;</c> for an alert, <c>&lt;videoId&gt;</c> for a camera or
    /// analysis event; null for a test event (never held back).
    /// </summary>
    public string? ZoneKey { get; set; }

    /// <summary>The alert level it reports (warning or critical; stored as its word), for channels with a minimum level.</summary>
    public AlertLevel? Level { get; set; }

    /// <summary>The JSON body every channel receives: <c>{"type", "timestamp", "data"}</c>, fixed when the event happened.</summary>
    public required string Body { get; set; }

    /// <summary>Set for a test event: only this channel receives it, whatever it subscribes to.</summary>
    public long? ChannelId { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    /// <summary>When its deliveries were created; null while waiting in the outbox.</summary>
    public DateTime? DispatchedAt { get; set; }

    /// <summary>The sender round that dispatched it (the claim that lets one node do it).</summary>
    public string? DispatchedBy { get; set; }
}
