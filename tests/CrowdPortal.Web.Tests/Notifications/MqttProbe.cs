using System.Collections.Concurrent;
using MQTTnet;
using MQTTnet.Protocol;

namespace CrowdPortal.Web.Tests.Notifications;

/// <summary>One message as a subscriber received it: retained ones are those the broker kept from before the subscription.</summary>
public sealed record ProbeMessage(string Topic, string Payload, bool Retained);

/// <summary>
/// A subscriber on the test broker (Debian's mosquitto, started by scripts/test.sh; its host:port in
/// <c>CROWDPORTAL_TEST_MQTT</c>) that records what arrives on some topics, for tests to wait on.
/// </summary>
public sealed class MqttProbe : IAsyncDisposable
{
    public const string Variable = "CROWDPORTAL_TEST_MQTT";

    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly ConcurrentQueue<ProbeMessage> _messages = new();

    public static (string Host, int Port) Broker
    {
        get
        {
            string value = Environment.GetEnvironmentVariable(Variable)
                ?? throw new InvalidOperationException($"{Variable} is not set: run the tests with scripts/test.sh, which starts mosquitto (scripts/mosquitto-test-server.sh) and sets it.");
            int colon = value.LastIndexOf(':');
            return (value[..colon], int.Parse(value[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    public IReadOnlyList<ProbeMessage> Messages => _messages.ToList();

    /// <summary>Connects and subscribes to <paramref name="filters"/>; retained messages on them arrive at once.</summary>
    public static Task<MqttProbe> StartAsync(params string[] filters) => StartOnAsync(Broker, filters);

    /// <summary>As <see cref="StartAsync"/>, on another broker (a test's own).</summary>
    public static async Task<MqttProbe> StartOnAsync((string Host, int Port) broker, params string[] filters)
    {
        var probe = new MqttProbe();
        var (host, port) = broker;
        probe._client.ApplicationMessageReceivedAsync += e =>
        {
            probe._messages.Enqueue(new ProbeMessage(e.ApplicationMessage.Topic, e.ApplicationMessage.ConvertPayloadToString() ?? string.Empty, e.ApplicationMessage.Retain));
            return Task.CompletedTask;
        };
        await probe._client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer(host, port).WithClientId("probe-" + Guid.NewGuid().ToString("N")).WithCleanSession().Build());
        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (string filter in filters)
        {
            subscribe.WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce);
        }

        await probe._client.SubscribeAsync(subscribe.Build());
        return probe;
    }

    /// <summary>Publishes as another client would (Home Assistant announcing itself, say).</summary>
    public async Task PublishAsync(string topic, string payload, bool retain = false) =>
        await _client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithRetainFlag(retain)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

    /// <summary>The newest payload received on <paramref name="topic"/>, or null.</summary>
    public string? Latest(string topic) => Messages.LastOrDefault(m => m.Topic == topic)?.Payload;

    /// <summary>Waits until <paramref name="done"/> holds for the messages so far; fails after the timeout with what arrived.</summary>
    public async Task<IReadOnlyList<ProbeMessage>> WaitForAsync(Func<IReadOnlyList<ProbeMessage>, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var now = Messages;
            if (done(now))
            {
                return now;
            }

            await Task.Delay(100);
        }

        var last = Messages;
        throw new TimeoutException($"MQTT: {what} did not arrive in {timeout}; got {last.Count} messages: "
            + string.Join("; ", last.TakeLast(20).Select(m => $"{m.Topic}={m.Payload}")));
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }
}
