using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CrowdPortal.Web.Notifications.Mqtt;

/// <summary>
/// The ids a channel goes by on its broker: its MQTT client id, and (in <see cref="HomeAssistantDiscovery"/>) its Home
/// Assistant device and sensor ids. Each holds a tag of the channel's owner besides the channel's id. Every portal numbers
/// its channels and videos from 1, so ids made of those numbers alone clash between two portals on one broker (a venue's
/// production and staging, or two sites sharing a Home Assistant): the broker drops a connection whenever another client
/// connects with the same client id, and one portal's discovery configs replace the other's. The owner's id is a random
/// GUID the portal made at registration, so it tells portals apart without a setting, and within a portal the channel id
/// is unique on its own. The tag is a hash, not the id itself: it shows no account id to whoever reads the broker, and it
/// is short, so client ids stay within the 23 characters MQTT 3.1.1 promises every broker accepts up to channel 9999
/// (24 bits: two portals' owners share a tag once in 16 million).
/// </summary>
public static class MqttIds
{
    /// <summary>The first 6 hex digits of the SHA-256 of the owner's user id.</summary>
    public static string OwnerTag(string ownerId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ownerId)))[..6];

    public static string ClientId(string ownerId, long channelId) =>
        string.Create(CultureInfo.InvariantCulture, $"crowdportal-{channelId}-{OwnerTag(ownerId)}");
}
