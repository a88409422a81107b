using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrowdPortal.Web.Notifications.Mqtt;

/// <summary>
/// Home Assistant MQTT discovery messages for a channel's zones: one retained
/// <c>homeassistant/sensor/&lt;unique id&gt;/config</c> per zone metric, every sensor of a video or camera on one device,
/// with the channel's <c>&lt;prefix&gt;/available</c> as availability topic. Counts and density are measurements (with a
/// unit); the level is an enum sensor (normal, warning, critical); a line's in and out only grow, <c>total_increasing</c>.
/// Unique ids hold the channel's id, so two channels to the same broker make two sets of sensors, not a clash.
/// </summary>
public static class HomeAssistantDiscovery
{
    public const string DiscoveryPrefix = "homeassistant";

    public static string DeviceId(long channelId, long videoId) =>
        string.Create(CultureInfo.InvariantCulture, $"crowdportal_{channelId}_{videoId}");

    public static string UniqueId(long channelId, long videoId, string zoneId, string metric) =>
        $"{DeviceId(channelId, videoId)}_{MqttTopics.Slug(zoneId).Replace('-', '_')}_{metric}";

    public static string ConfigTopic(string uniqueId) => $"{DiscoveryPrefix}/sensor/{uniqueId}/config";

    /// <summary>Every config message (topic, JSON payload) for <paramref name="videos"/>.</summary>
    public static IEnumerable<(string Topic, string Payload)> Messages(long channelId, string prefix, IReadOnlyList<MqttVideo> videos)
    {
        foreach (var video in videos)
        {
            var device = new JsonObject
            {
                ["identifiers"] = new JsonArray(DeviceId(channelId, video.VideoId)),
                ["name"] = video.Name,
                ["manufacturer"] = "CrowdPortal",
                ["model"] = video.IsCamera ? "Camera" : "Video",
            };
            foreach (var zone in video.Zones)
            {
                foreach (string metric in zone.Values.Keys)
                {
                    string uniqueId = UniqueId(channelId, video.VideoId, zone.ZoneId, metric);
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

                    yield return (ConfigTopic(uniqueId), config.ToJsonString(JsonSerializerOptions.Web));
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
