namespace CrowdPortal.Data.Entities;

/// <summary>
/// One event on its way to one channel (<c>notification_deliveries</c>), and its log: attempts so far, the last answer,
/// and when it arrived. <see cref="MessageId"/> is the <c>webhook-id</c> every attempt sends, so a receiver can drop
/// repeats of a message it already has.
/// </summary>
public class NotificationDelivery
{
    public long Id { get; set; }

    public long ChannelId { get; set; }

    public long EventId { get; set; }

    /// <summary>The event's type, kept here for the delivery log.</summary>
    public required string EventType { get; set; }

    /// <summary>The message id (<c>msg_…</c>), the same on every retry.</summary>
    public required string MessageId { get; set; }

    public int Attempts { get; set; }

    public DateTime? LastAttemptAt { get; set; }

    /// <summary>The HTTP status of the last answer; null when there was none (refused, unreachable, timed out).</summary>
    public int? LastStatusCode { get; set; }

    /// <summary>Why the last attempt failed, in words for the user; null after a success.</summary>
    public string? LastError { get; set; }

    /// <summary>The start of the receiver's last answer (at most 1 KB is kept).</summary>
    public string? LastResponse { get; set; }

    /// <summary>When a receiver accepted it; null while pending.</summary>
    public DateTime? DeliveredAt { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public NotificationChannel? Channel { get; set; }

    public NotificationEvent? Event { get; set; }
}
