using Microsoft.AspNetCore.DataProtection;

namespace CrowdPortal.Web.Notifications;

/// <summary>
/// Encrypts channel secrets (webhook signing secrets) at rest with ASP.NET Data Protection, under the same keys as the
/// login cookie (a folder, or Redis in a cluster, so every node can sign). Only the sender unprotects them.
/// </summary>
public sealed class ChannelSecretProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("CrowdPortal.Notifications.ChannelSecret.v1");

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);
}
