using System.Net;
using System.Net.Sockets;
using CrowdPortal.Web.Networking;
using Microsoft.Extensions.Options;

namespace CrowdPortal.Web.Notifications.Mqtt;

/// <summary>
/// Which brokers an MQTT channel may connect to: the webhooks' rules (SSRF), for the same reason — link-local addresses
/// (cloud metadata) never; loopback and private networks only when <see cref="NotificationSettings.AllowPrivateNetworks"/>.
/// Checked when a channel is saved and again before every connection, which then goes to the checked address itself
/// (so a name cannot resolve to an allowed address for the check and to another for the connection).
/// </summary>
public sealed class MqttBrokerAddressPolicy(IOptions<NotificationSettings> settings)
{
    /// <summary>Null when the address may be connected to, else why not (without the address).</summary>
    public string? Check(IPAddress address) =>
        TargetAddressRules.Refusal(address, settings.Value.AllowPrivateNetworks, "the broker's address", "MQTT channels");

    /// <summary>The first refusal among <paramref name="addresses"/>; null when all may be used.</summary>
    public string? FirstRefusal(IEnumerable<IPAddress> addresses) => addresses.Select(Check).FirstOrDefault(r => r is not null);

    /// <summary>
    /// The check made when a channel is saved: null when <paramref name="host"/> may be used, else a sentence for the user.
    /// A name that does not resolve yet is accepted: it is checked again before every connection.
    /// </summary>
    public async Task<string?> CheckHostAsync(string host, CancellationToken ct)
    {
        if (await TargetAddressRules.ResolveAtSaveAsync(host, ct) is not { } addresses)
        {
            return null;
        }

        return FirstRefusal(addresses) is { } refusal ? $"This broker cannot be used: {refusal}." : null;
    }

    /// <summary>
    /// The address to connect to now: the host resolved and every address checked (all must pass, as for webhooks).
    /// </summary>
    /// <exception cref="MqttBrokerRefusedException">An address of the host is not allowed.</exception>
    /// <exception cref="SocketException">The name does not resolve.</exception>
    public async Task<IPAddress> ResolveCheckedAsync(string host, CancellationToken ct)
    {
        var addresses = await NetworkAddresses.ResolveAsync(host, ct);
        if (FirstRefusal(addresses) is { } refusal)
        {
            throw new MqttBrokerRefusedException(refusal);
        }

        return addresses.FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork) ?? addresses[0];
    }
}

/// <summary>A broker connection refused by <see cref="MqttBrokerAddressPolicy"/> right before it was made.</summary>
public sealed class MqttBrokerRefusedException(string reason) : Exception(reason);
