namespace CrowdPortal.Web.Notifications;

/// <summary>The answer to "send a test event": the event queued for the channel (see its deliveries for the outcome).</summary>
public sealed record TestEventDto(long EventId, string Type);
