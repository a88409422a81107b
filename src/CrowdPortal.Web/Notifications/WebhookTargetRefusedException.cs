namespace CrowdPortal.Web.Notifications;

/// <summary>A webhook connection refused by <see cref="WebhookAddressPolicy"/> right before it was made.</summary>
public sealed class WebhookTargetRefusedException(string reason) : Exception(reason);
