namespace CrowdPortal.Web.Notifications;

/// <summary>How one delivery attempt went: delivered or not, the HTTP status if any, why it failed, the answer's start.</summary>
public sealed record DeliveryOutcome(bool Delivered, int? StatusCode, string? Error, string? Response);
