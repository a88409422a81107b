using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrowdPortal.Web.Notifications.Mqtt;

/// <summary>
/// Home Assistant MQTT discovery messages for a channel's zones: one retained
/// <c>homeassistant/sensor/&lt;unique id&gt;/config</c> per zone metric, every sensor of a video or camera on one device,
/// with the channel's <c>&lt;prefix&gt;/available</c> as availability topic. Counts and density are measurements (with a
/// unit); the level is an enum sensor (normal, warning, critical); a line's in and out only grow, <c>total_increasing</c>.
/// Unique ids hold the channel's id and its owner's tag (<see cref="MqttIds"/>), so two channels to the same broker, of one
/// portal or of two, make two sets of sensors, not a clash.
/// </summary>
public static class HomeAssistantDiscovery
{
    public const string DiscoveryPrefix = "homeassistant";

    public static string DeviceId(string ownerId, long channelId, long videoId) =>
        string.Create(CultureInfo.InvariantCulture, $"crowdportal_{MqttIds.OwnerTag(ownerId)}_{channelId}_{videoId}");

    public static string UniqueId(string ownerId, long channelId, long videoId, string zoneId, string metric) =>
        $"{DeviceId(ownerId, channelId, videoId)}_{SensorPart(zoneId, metric)}";

    /// <summary>
    /// The unique id a sensor had before ids held their owner's tag (until December 2026): the connection clears its config
    /// once per connection, so a portal upgraded from then does not leave each sensor in Home Assistant twice.
    /// </summary>
    public static string UntaggedUniqueId(long channelId, long videoId, string zoneId, string metric) =>
        string.Create(CultureInfo.InvariantCulture, $"crowdportal_{channelId}_{videoId}_{SensorPart(zoneId, metric)}");

    public static string ConfigTopic(string uniqueId) => $"{DiscoveryPrefix}/sensor/{uniqueId}/config";

    private static string SensorPart(string zoneId, string metric) => $"{MqttTopics.Slug(zoneId).Replace('-', '_')}_{metric}";

    /// <summary>Every config message for <paramref name="videos"/> of a channel of <paramref name="ownerId"/>.</summary>
    public static IEnumerable<DiscoveryMessage> Messages(string ownerId, long channelId, string prefix, IReadOnlyList<MqttVideo> videos)
    {
        foreach (var video in videos)
        {
            var device = new JsonObject
            {
                ["identifiers"] = new JsonArray(DeviceId(ownerId, channelId, video.VideoId)),
                ["name"] = video.Name,
                ["manufacturer"] = "CrowdPortal",
                ["model"] = video.IsCamera ? "Camera" : "Video",
            };
            foreach (var zone in video.Zones)
            {
                foreach (string metric in zone.Values.Keys)
                {
                    string uniqueId = UniqueId(ownerId, channelId, video.VideoId, zone.ZoneId, metric);
                    var config = new JsonObject
                    {
                        ["name"] = $"{zone.Label} {Describe(metric)}",
                        ["unique_id"] = uniqueId,
                        ["state_topic"] = MqttTopics.ZoneMetric(prefix, video.Slug, zone.ZoneId, metric),
                        ["availability_topic"] = MqttTopics.Available(prefix),
                        ["payload_available"] = MqttTopics.Online,
                        ["payload_not_available"] = MqttTopics.Offline,
                        ["device"] = device.DeepClone(),
                    };
                    switch (metric)
                    {
                        case MqttZoneStates.Level:
                            config["device_class"] = "enum";
                            config["options"] = new JsonArray("normal", "warning", "critical");
                            config["icon"] = "mdi:alert-circle-outline";
                            break;
                        case MqttZoneStates.In or MqttZoneStates.Out:
                            config["state_class"] = "total_increasing";
                            config["unit_of_measurement"] = "people";
                            config["icon"] = "mdi:account-arrow-right";
                            break;
                        case MqttZoneStates.Density:
                            config["state_class"] = "measurement";
                            config["unit_of_measurement"] = "people/m²";
                            config["icon"] = "mdi:account-group";
                            break;
                        default:
                            config["state_class"] = "measurement";
                            config["unit_of_measurement"] = "people";
                            config["icon"] = "mdi:account-group";
                            break;
                    }

                    yield return new DiscoveryMessage(ConfigTopic(uniqueId), config.ToJsonString(JsonSerializerOptions.Web),
                        ConfigTopic(UntaggedUniqueId(channelId, video.VideoId, zone.ZoneId, metric)));
                }
            }
        }
    }

    private static string Describe(string metric) => metric switch
    {
        MqttZoneStates.Count => "count",
        MqttZoneStates.Density => "density",
        MqttZoneStates.Level => "level",
        MqttZoneStates.In => "in",
        MqttZoneStates.Out => "out",
        _ => metric,
    };
}

/// <summary>One sensor's retained config: its topic and JSON payload, and the topic the same sensor had before ids held their owner's tag.</summary>
public sealed record DiscoveryMessage(string Topic, string Payload, string UntaggedTopic);
