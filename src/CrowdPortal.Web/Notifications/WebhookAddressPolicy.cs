using System.Net;
using System.Net.Sockets;
using CrowdPortal.Web.Networking;
using Microsoft.Extensions.Options;

namespace CrowdPortal.Web.Notifications;

/// <summary>
/// Which webhook URLs and addresses the portal may send to, so a webhook cannot be turned into a probe of the server's
/// own network (SSRF): <c>http</c>/<c>https</c> only, without credentials in the URL; link-local addresses refused always;
/// loopback and private networks unless <see cref="NotificationSettings.AllowPrivateNetworks"/>. A URL is checked when a
/// channel is saved and every address again, after DNS resolution, right before each connection
/// (<see cref="WebhookClient"/> connects only to the address it checked, so a name cannot rebind in between).
/// </summary>
public sealed class WebhookAddressPolicy(IOptions<NotificationSettings> settings)
{
    /// <summary>Null when the address may be connected to, else why not (without the address).</summary>
    public string? Check(IPAddress address) =>
        TargetAddressRules.Refusal(address, settings.Value.AllowPrivateNetworks, "the address", "webhooks");

    /// <summary>The first refusal among <paramref name="addresses"/>; null when all may be used.</summary>
    public string? FirstRefusal(IEnumerable<IPAddress> addresses) => addresses.Select(Check).FirstOrDefault(r => r is not null);

    /// <summary>
    /// The check made when a channel is saved: null when <paramref name="url"/> may be used, else a sentence for the user.
    /// A name that does not resolve yet is accepted: it is checked again before every connection.
    /// </summary>
    public async Task<string?> CheckUrlAsync(string? url, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(url) || url.Length > 2048 || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            return "Give the webhook an absolute http or https URL of at most 2048 characters.";
        }

        if (uri.Scheme is not ("http" or "https"))
        {
            return "A webhook URL must start with http:// or https://.";
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return "A webhook URL may not carry a user name or password; receivers check the signature instead.";
        }

        if (await TargetAddressRules.ResolveAtSaveAsync(uri.IdnHost, ct) is not { } addresses)
        {
            return null;
        }

        return FirstRefusal(addresses) is { } refusal ? $"This webhook URL cannot be used: {refusal}." : null;
    }
}
