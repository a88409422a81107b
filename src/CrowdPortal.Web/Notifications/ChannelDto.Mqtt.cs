using System.Text.Json.Serialization;
using CrowdPortal.Data.Entities;
using CrowdPortal.Web.Notifications.Mqtt;

namespace CrowdPortal.Web.Notifications;

/// <summary>An MQTT channel's broker and connection as the API shows them (never its password); absent for other kinds.</summary>
public sealed partial record ChannelDto
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Host { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Port { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Tls { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Username { get; init; }

    /// <summary>Whether a broker password is stored (it is never shown).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? HasPassword { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? TopicPrefix { get; init; }

    /// <summary>How the broker connection stands (<c>connected</c>, or why not), as the node holding it last wrote.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Connection { get; init; }

    private ChannelDto WithMqtt(NotificationChannel c) => c.Kind != MqttChannelRules.Kind ? this : this with
    {
        Host = c.MqttHost,
        Port = c.MqttPort,
        Tls = c.MqttTls,
        Username = c.MqttUsername,
        HasPassword = c.SecretProtected is not null,
        TopicPrefix = c.MqttTopicPrefix,
        Connection = c.MqttConnection ?? "not connected yet",
    };
}
