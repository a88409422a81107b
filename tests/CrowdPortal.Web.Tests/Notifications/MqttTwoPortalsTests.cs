using System.Net;
using CrowdPortal.Data;
using CrowdPortal.Web.Notifications.Mqtt;
using CrowdPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdPortal.Web.Tests.Notifications;

/// <summary>
/// Two portals with MQTT channels to one broker (a venue's production and staging portals, or two sites sharing one Home
/// Assistant), against the real mosquitto. Each numbers its channels and videos from 1, so ids made of those numbers alone
/// would clash: the broker drops a connection whenever another client connects with its client id, and one portal's
/// discovery configs would overwrite the other's.
/// </summary>
public sealed class MqttTwoPortalsTests
{
    private const string ConfigFilter = "homeassistant/sensor/+/config";

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ChannelsWithTheSameIds_StayConnected_AndKeepTheirOwnSensors()
    {
        // A sensor as a portal from before ids held their owner's tag left it: the upgraded portal removes it.
        await using var probe = await MqttProbe.StartAsync(ConfigFilter);
        string untagged = HomeAssistantDiscovery.ConfigTopic(HomeAssistantDiscovery.UntaggedUniqueId(1, 1, "lower", MqttZoneStates.Count));
        await probe.PublishAsync(untagged, """{"name":"Lower half count","state_topic":"crowdportal/vtest-avi-1/zone/lower/count"}""", retain: true);
        await using var first = await PortalWithChannel.StartAsync();
        await using var second = await PortalWithChannel.StartAsync();
        Assert.Equal((1, 1), (first.ChannelId, first.VideoId));
        Assert.Equal((1, 1), (second.ChannelId, second.VideoId));

        // Both connected, and still on their first connection a while later: a clash shows as the two taking turns.
        string firstConnection = await first.WaitForConnectedAsync();
        string secondConnection = await second.WaitForConnectedAsync();
        await Task.Delay(TimeSpan.FromSeconds(8));
        Assert.Equal(firstConnection, await first.ConnectionAsync());
        Assert.Equal(secondConnection, await second.ConnectionAsync());

        // Each portal's seven sensors on config topics of their own, each naming its owner's state topics.
        var configs = await probe.WaitForAsync(m => first.Configs(m).Count == 7 && second.Configs(m).Count == 7, Wait, "seven configs from each portal");
        Assert.Empty(first.Configs(configs).Intersect(second.Configs(configs)));
        Assert.Contains(HomeAssistantDiscovery.ConfigTopic(HomeAssistantDiscovery.UniqueId(first.OwnerId, first.ChannelId, first.VideoId, "lower", MqttZoneStates.Count)),
            first.Configs(configs));
        // An empty retained config is how Home Assistant and the broker forget a sensor.
        await probe.WaitForAsync(m => m.Any(x => x.Topic == untagged && x.Payload.Length == 0), Wait, "the untagged config cleared");
    }

    /// <summary>A portal of its own (its own SQLite database) with the sample video, zones and an MQTT channel.</summary>
    private sealed class PortalWithChannel : IAsyncDisposable
    {
        private readonly PortalFactory _factory = new(TestDatabaseKind.Sqlite, WebhookDeliveryTests.Fast);
        private readonly PortalClient _client;

        private PortalWithChannel() => _client = _factory.CreatePortalClient();

        public string Prefix { get; } = MqttDeliveryTests.NewPrefix();

        public long ChannelId { get; private set; }

        public long VideoId { get; private set; }

        public string OwnerId { get; private set; } = "";

        public static async Task<PortalWithChannel> StartAsync()
        {
            var portal = new PortalWithChannel();
            await portal._client.RegisterNewUserAsync();
            portal.VideoId = await portal._client.UploadSampleAsync();
            Assert.Equal(HttpStatusCode.OK, (await portal._client.PutZonesAsync(portal.VideoId, MqttDeliveryTests.Zones)).StatusCode);
            portal.ChannelId = await MqttDeliveryTests.CreateMqttChannelAsync(portal._client, portal.Prefix);
            using var scope = portal._factory.Services.CreateScope();
            portal.OwnerId = await scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>().Users.Select(u => u.Id).SingleAsync();
            return portal;
        }

        public async Task<string> ConnectionAsync() =>
            (await _client.GetJsonAsync($"/api/v1/channels/{ChannelId}")).GetProperty("connection").GetString()!;

        public async Task<string> WaitForConnectedAsync() =>
            (await _client.WaitForChannelAsync(ChannelId, c => c.GetProperty("connection").GetString()!.StartsWith("connected to", StringComparison.Ordinal), Wait, "connected"))
            .GetProperty("connection").GetString()!;

        /// <summary>The config topics sent for this portal's channel: those whose sensors read this portal's prefix.</summary>
        public HashSet<string> Configs(IReadOnlyList<ProbeMessage> messages) =>
            messages.Where(m => m.Payload.Contains($"\"{Prefix}/", StringComparison.Ordinal)).Select(m => m.Topic).ToHashSet();

        public ValueTask DisposeAsync()
        {
            _client.Dispose();
            _factory.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
