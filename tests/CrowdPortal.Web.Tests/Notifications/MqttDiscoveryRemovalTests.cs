using System.Net;
using CrowdPortal.Data;
using CrowdPortal.Web.Notifications.Mqtt;
using CrowdPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdPortal.Web.Tests.Notifications;

/// <summary>
/// Home Assistant sensors do not outlive what they show (against the real mosquitto): a zone removed from a video loses
/// its sensors, and a deleted MQTT channel loses all of its, by empty retained payloads on their config topics; a
/// subscriber arriving afterwards gets no retained config of the channel.
/// </summary>
public sealed class MqttDiscoveryRemovalTests
{
    private const string ConfigFilter = "homeassistant/sensor/+/config";

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task RemovedZone_AndDeletedChannel_LeaveNoRetainedDiscoveryConfig()
    {
        string prefix = MqttDeliveryTests.NewPrefix();
        await using var probe = await MqttProbe.StartAsync(ConfigFilter);
        using var factory = new PortalFactory(TestDatabaseKind.Sqlite, WebhookDeliveryTests.Fast);
        using var client = factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long video = await client.UploadSampleAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.PutZonesAsync(video, MqttDeliveryTests.Zones)).StatusCode);
        long channel = await MqttDeliveryTests.CreateMqttChannelAsync(client, prefix);
        string owner = await OwnerIdAsync(factory);

        // Other tests' portals send sensors to the same broker: a config is this test's when it names this prefix.
        bool Mine(ProbeMessage m) => m.Payload.Contains($"\"{prefix}/", StringComparison.Ordinal);
        var sent = (await probe.WaitForAsync(m => m.Count(Mine) >= 7, Wait, "7 discovery configs")).Where(Mine).Select(m => m.Topic).ToHashSet();
        Assert.Equal(7, sent.Count);
        string[] line = [Config(owner, channel, video, "crossing", MqttZoneStates.In), Config(owner, channel, video, "crossing", MqttZoneStates.Out)];
        Assert.Subset(sent, line.ToHashSet());
        bool Cleared(IReadOnlyList<ProbeMessage> m, string topic) => m.Any(x => x.Topic == topic && x.Payload.Length == 0);

        // The line is no longer drawn: its two sensors go, the others stay.
        string withoutLine = """[{"zoneId":"lower","label":"Lower half","kind":"polygon","points":[[0,0.5],[1,0.5],[1,1],[0,1]],"areaM2":1}]""";
        Assert.Equal(HttpStatusCode.OK, (await client.PutZonesAsync(video, withoutLine)).StatusCode);
        var afterZones = await probe.WaitForAsync(m => line.All(t => Cleared(m, t)), Wait, "empty configs for the removed line");
        Assert.All(sent.Except(line), t => Assert.False(Cleared(afterZones, t), t));

        // The channel is deleted: every remaining sensor goes.
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendWithTokenAsync(HttpMethod.Delete, $"/api/v1/channels/{channel}")).StatusCode);
        await probe.WaitForAsync(m => sent.All(t => Cleared(m, t)), Wait, "empty configs for the deleted channel's sensors");

        // A fresh subscriber (Home Assistant starting now) gets none of them: every retained message reaches it before a
        // message published after it subscribed, so once that marker is in, nothing retained of the channel came.
        await using var fresh = await MqttProbe.StartAsync(ConfigFilter);
        string marker = $"homeassistant/sensor/cp_marker_{Guid.NewGuid():N}/config";
        await fresh.PublishAsync(marker, "marker");
        var retained = await fresh.WaitForAsync(m => m.Any(x => x.Topic == marker), Wait, "the marker");
        Assert.DoesNotContain(retained, x => x.Retained && Mine(x));
    }

    private static async Task<string> OwnerIdAsync(PortalFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>().Users.Select(u => u.Id).SingleAsync();
    }

    private static string Config(string owner, long channel, long video, string zone, string metric) =>
        HomeAssistantDiscovery.ConfigTopic(HomeAssistantDiscovery.UniqueId(owner, channel, video, zone, metric));
}
