using CrowdPortal.Data.Entities;

namespace CrowdPortal.Web.Notifications.Mqtt;

/// <summary>
/// The MQTT part of a channel request: which fields an <c>mqtt</c> channel needs and what they may hold, and how they
/// are stored (the password encrypted, like a webhook's secret, and never returned).
/// </summary>
public sealed class MqttChannelRules(MqttBrokerAddressPolicy brokers, ChannelSecretProtector secrets)
{
    public const string Kind = "mqtt";
    public const int DefaultPort = 1883;
    public const int DefaultTlsPort = 8883;
    public const int MaxCredentialLength = 256;

    /// <summary>Null when the request's broker, credentials and topic prefix may be saved, else a sentence for the user.</summary>
    public async Task<string?> ValidateAsync(ChannelRequest request, CancellationToken ct)
    {
        string host = request.Host?.Trim() ?? string.Empty;
        if (host.Length is 0 or > 253)
        {
            return "Give the MQTT broker's host name or address in host (at most 253 characters), e.g. \"broker.example.com\".";
        }

        if (Uri.CheckHostName(host.Trim('[', ']')) == UriHostNameType.Unknown)
        {
            return "host must be a host name or an IP address, without a scheme, port or path (e.g. \"broker.example.com\").";
        }

        if (request.Port is int port && port is < 1 or > 65535)
        {
            return "port must be between 1 and 65535 (1883 for MQTT, 8883 for MQTT over TLS).";
        }

        if (request.Username is { Length: > MaxCredentialLength } || request.Password is { Length: > MaxCredentialLength })
        {
            return $"username and password may be at most {MaxCredentialLength} characters.";
        }

        if (!string.IsNullOrEmpty(request.Password) && string.IsNullOrEmpty(request.Username))
        {
            return "A password needs a username (MQTT sends no password without one).";
        }

        if (MqttTopics.CheckPrefix(request.TopicPrefix ?? MqttTopics.DefaultPrefix) is { } prefixError)
        {
            return prefixError;
        }

        return await brokers.CheckHostAsync(host.Trim('[', ']'), ct);
    }

    /// <summary>
    /// Stores the request's MQTT fields on <paramref name="channel"/>. A password left out (null) keeps the stored one,
    /// since it is never shown to be sent back; an empty one removes it.
    /// </summary>
    public void Apply(NotificationChannel channel, ChannelRequest request)
    {
        bool tls = request.Tls ?? false;
        channel.MqttHost = request.Host!.Trim().Trim('[', ']');
        channel.MqttTls = tls;
        channel.MqttPort = request.Port ?? (tls ? DefaultTlsPort : DefaultPort);
        channel.MqttUsername = string.IsNullOrEmpty(request.Username) ? null : request.Username;
        channel.MqttTopicPrefix = request.TopicPrefix ?? MqttTopics.DefaultPrefix;
        if (request.Password is not null)
        {
            channel.SecretProtected = request.Password.Length == 0 ? null : secrets.Protect(request.Password);
        }

        channel.MqttConnection = null; // a changed broker is connected to afresh
    }

    /// <summary>Clears the MQTT fields of a channel of another kind.</summary>
    public static void Clear(NotificationChannel channel)
    {
        channel.MqttHost = null;
        channel.MqttPort = null;
        channel.MqttTls = false;
        channel.MqttUsername = null;
        channel.MqttTopicPrefix = null;
        channel.MqttConnection = null;
    }
}
