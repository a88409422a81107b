using System.Net;
using System.Net.Sockets;

namespace CrowdPortal.Web.Networking;

/// <summary>
/// The one classification of addresses that outgoing connections are checked against (camera streams and webhooks,
/// each with its own rules on top), and the one way a URL's host is turned into addresses to check.
/// </summary>
public static class NetworkAddresses
{
    private static readonly IPNetwork LinkLocalV4 = IPNetwork.Parse("169.254.0.0/16");
    private static readonly IPNetwork LinkLocalV6 = IPNetwork.Parse("fe80::/10");
    private static readonly IPNetwork LoopbackV4 = IPNetwork.Parse("127.0.0.0/8");
    private static readonly IPNetwork ThisNetworkV4 = IPNetwork.Parse("0.0.0.0/8");
    private static readonly IPNetwork[] PrivateNetworks =
    [
        IPNetwork.Parse("10.0.0.0/8"),
        IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("100.64.0.0/10"),
        IPNetwork.Parse("fc00::/7"),
    ];

    public static NetworkAddressKind Classify(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (LinkLocalV4.Contains(address) || LinkLocalV6.Contains(address))
        {
            return NetworkAddressKind.LinkLocal;
        }

        if (LoopbackV4.Contains(address) || ThisNetworkV4.Contains(address)
            || address.Equals(IPAddress.IPv6Loopback) || address.Equals(IPAddress.IPv6None))
        {
            return NetworkAddressKind.Loopback;
        }

        return PrivateNetworks.Any(n => n.Contains(address)) ? NetworkAddressKind.Private : NetworkAddressKind.Public;
    }

    /// <summary>The addresses <paramref name="host"/> stands for: itself when it is an address literal, else what DNS says.</summary>
    /// <exception cref="SocketException">The name does not resolve.</exception>
    public static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct)
    {
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            return [literal];
        }

        var addresses = await Dns.GetHostAddressesAsync(host, ct);
        return addresses.Length > 0 ? addresses : throw new SocketException((int)SocketError.HostNotFound);
    }
}
