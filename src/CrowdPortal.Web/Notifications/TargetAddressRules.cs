using System.Net;
using System.Net.Sockets;
using CrowdPortal.Web.Networking;

namespace CrowdPortal.Web.Notifications;

/// <summary>
/// The SSRF rule every notification target shares (webhook receivers, MQTT brokers): link-local addresses (cloud
/// metadata) never; loopback and private networks only when the administrator allows private networks. Each policy
/// names its own target and users in the sentence.
/// </summary>
internal static class TargetAddressRules
{
    private static readonly TimeSpan SaveResolveTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Null when <paramref name="address"/> may be connected to, else why not (without the address).</summary>
    /// <param name="target">What the address belongs to, e.g. "the broker's address".</param>
    /// <param name="users">Who may not use it, e.g. "MQTT channels".</param>
    public static string? Refusal(IPAddress address, bool allowPrivateNetworks, string target, string users) =>
        NetworkAddresses.Classify(address) switch
        {
            NetworkAddressKind.LinkLocal => $"{target} is link-local, which {users} may not use",
            NetworkAddressKind.Loopback when !allowPrivateNetworks =>
                $"{target} is this server itself, which {users} may not use unless the administrator allows private networks",
            NetworkAddressKind.Private when !allowPrivateNetworks =>
                $"{target} is on a private network, which {users} may not use unless the administrator allows private networks",
            _ => null,
        };

    /// <summary>
    /// <paramref name="host"/>'s addresses for the check made when a channel is saved, or null when the name does not
    /// resolve within a few seconds: such a name is accepted then and checked again before every connection.
    /// </summary>
    public static async Task<IPAddress[]?> ResolveAtSaveAsync(string host, CancellationToken ct)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(SaveResolveTimeout);
            return await NetworkAddresses.ResolveAsync(host, timeout.Token);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return null;
        }
    }
}
