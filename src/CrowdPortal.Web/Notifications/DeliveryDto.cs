using CrowdPortal.Data.Entities;

namespace CrowdPortal.Web.Notifications;

/// <summary>One line of a channel's delivery log: the event, its message id, attempts so far and the last outcome.</summary>
public sealed record DeliveryDto(
    long Id,
    long EventId,
    string Event,
    string MessageId,
    bool Delivered,
    int Attempts,
    DateTime CreatedAt,
    DateTime? LastAttemptAt,
    int? StatusCode,
    string? Error,
    string? Response,
    DateTime? DeliveredAt)
{
    public static DeliveryDto From(NotificationDelivery d) => new(
        d.Id, d.EventId, d.EventType, d.MessageId, d.DeliveredAt is not null, d.Attempts, d.CreatedAt, d.LastAttemptAt,
        d.LastStatusCode, d.LastError, d.LastResponse, d.DeliveredAt);
}
