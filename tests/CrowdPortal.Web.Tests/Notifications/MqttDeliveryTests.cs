using System.Globalization;
using System.Net;
using System.Text.Json;
using CrowdPortal.Core.Alerts;
using CrowdPortal.Data;
using CrowdPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdPortal.Web.Tests.Notifications;

/// <summary>
/// MQTT channels against the real broker (Debian's mosquitto from scripts/test.sh): the availability topic, the retained
/// zone state topics holding the stored counts after a real analysis of vtest.avi, the events on &lt;prefix&gt;/events,
/// Home Assistant discovery and its repetition when Home Assistant announces itself, and a clean stop saying offline.
/// </summary>
public sealed class MqttDeliveryTests
{
    /// <summary>The sample zones with an area on the polygon (1 m², so its density alerts as its count would), so it has a density too.</summary>
    public const string Zones = """
        [
          {"zoneId":"lower","label":"Lower half","kind":"polygon","points":[[0,0.5],[1,0.5],[1,1],[0,1]],"warning":1,"critical":3,"areaM2":1},
          {"zoneId":"crossing","label":"Crossing","kind":"line","points":[[0,0.6],[1,0.6]]},
          {"zoneId":"sign","label":"Sign","kind":"mask","points":[[0.9,0],[1,0],[1,0.1],[0.9,0.1]]}
        ]
        """;

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    public static async Task<long> CreateMqttChannelAsync(PortalClient client, string prefix, string[]? events = null)
    {
        var (host, port) = MqttProbe.Broker;
        var response = await client.SendWithTokenAsync(HttpMethod.Post, "/api/v1/channels",
            new { kind = "mqtt", name = "Home Assistant", host, port, topicPrefix = prefix, events = events ?? ChannelClient.AllEvents });
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt64();
    }

    public static string NewPrefix() => "cp-test/" + Guid.NewGuid().ToString("N")[..10];

    [Theory]
    [InlineData(TestDatabaseKind.Sqlite)]
    [InlineData(TestDatabaseKind.MariaDb)]
    public async Task Analysis_LeavesRetainedZoneTopicsWithTheStoredValues_AndSendsItsEvents(TestDatabaseKind kind)
    {
        string prefix = NewPrefix();
        await using var probe = await MqttProbe.StartAsync(prefix + "/#");
        using var factory = new PortalFactory(kind, new Dictionary<string, string?>(WebhookDeliveryTests.Fast) { ["Notifications:MaxFailures"] = "1000" });
        using var client = factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long video = await client.UploadSampleAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.PutZonesAsync(video, Zones)).StatusCode);
        long channel = await CreateMqttChannelAsync(client, prefix);
        string slug = $"vtest-avi-{video}";
        string Topic(string zone, string metric) => $"{prefix}/{slug}/zone/{zone}/{metric}";

        // Connected: online, and every zone's topics exist at once, zeros before any analysis.
        await probe.WaitForAsync(m => m.Any(x => x.Topic == prefix + "/available" && x.Payload == "online"), Wait, "online");
        await probe.WaitForAsync(m => m.Any(x => x.Topic == Topic("crossing", "out")), Wait, "the zero states");
        Assert.Equal("0", probe.Latest(Topic("lower", "count")));
        Assert.Equal("0", probe.Latest(Topic("lower", "density")));
        Assert.Equal("normal", probe.Latest(Topic("lower", "level")));
        Assert.Equal("0", probe.Latest(Topic("crossing", "in")));
        Assert.Equal("0", probe.Latest(Topic("frame", "count")));
        Assert.Null(probe.Latest(Topic("sign", "count"))); // a mask counts nobody
        var connected = await client.GetJsonAsync($"/api/v1/channels/{channel}");
        Assert.StartsWith("connected to", connected.GetProperty("connection").GetString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Accepted, (await client.SendWithTokenAsync(HttpMethod.Post, $"/api/v1/videos/{video}/analysis")).StatusCode);
        await client.WaitForStatusAsync(video, TimeSpan.FromMinutes(6), "completed");

        // What the database holds: each zone's newest row, and everyone who crossed the line.
        Dictionary<string, string> expected;
        using (var scope = factory.Services.CreateScope())
        {
            var rows = await scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>().ZoneCounts.AsNoTracking()
                .Where(c => c.VideoId == video).ToListAsync();
            var lower = rows.Where(r => r.ZoneId == "lower").MaxBy(r => r.Ts)!;
            var frame = rows.Where(r => r.ZoneId == "frame").MaxBy(r => r.Ts)!;
            var crossing = rows.Where(r => r.ZoneId == "crossing").ToList();
            Assert.True(crossing.Sum(r => r.Entries) + crossing.Sum(r => r.Exits) > 0, "people crossed the line in vtest.avi");
            expected = new Dictionary<string, string>
            {
                [Topic("lower", "count")] = lower.Current.ToString(CultureInfo.InvariantCulture),
                [Topic("lower", "level")] = lower.Level.Name(),
                [Topic("lower", "density")] = (lower.Density ?? 0).ToString("0.###", CultureInfo.InvariantCulture),
                [Topic("frame", "count")] = frame.Current.ToString(CultureInfo.InvariantCulture),
                [Topic("crossing", "in")] = crossing.Sum(r => r.Entries).ToString(CultureInfo.InvariantCulture),
                [Topic("crossing", "out")] = crossing.Sum(r => r.Exits).ToString(CultureInfo.InvariantCulture),
            };
        }

        await probe.WaitForAsync(_ => expected.All(e => probe.Latest(e.Key) == e.Value), Wait, "the stored values on the state topics");

        // Retained: a subscriber arriving now gets them straight away.
        await using (var late = await MqttProbe.StartAsync(prefix + "/+/zone/#"))
        {
            var got = await late.WaitForAsync(m => expected.Keys.All(k => m.Any(x => x.Topic == k)), Wait, "retained states");
            Assert.All(expected, e => Assert.Equal(e.Value, Assert.Single(got, x => x.Topic == e.Key).Payload));
            Assert.All(got, x => Assert.True(x.Retained, x.Topic));
        }

        // Events: every alert's start and the completion, as the webhook JSON, not retained.
        var alerts = (await client.GetJsonAsync($"/api/v1/alerts?videoId={video}")).EnumerateArray().ToList();
        Assert.NotEmpty(alerts);
        var events = await probe.WaitForAsync(
            m => m.Count(x => x.Topic == prefix + "/events" && x.Payload.Contains("\"alert.started\"", StringComparison.Ordinal)) >= alerts.Count
                && m.Any(x => x.Topic == prefix + "/events" && x.Payload.Contains("\"analysis.completed\"", StringComparison.Ordinal)),
            Wait, "the events");
        var bodies = events.Where(x => x.Topic == prefix + "/events").ToList();
        Assert.All(bodies, x => Assert.False(x.Retained));
        var completed = JsonDocument.Parse(bodies.Single(x => x.Payload.Contains("\"analysis.completed\"", StringComparison.Ordinal)).Payload).RootElement;
        Assert.Equal(video, completed.GetProperty("data").GetProperty("videoId").GetInt64());
        Assert.Equal("completed", completed.GetProperty("data").GetProperty("status").GetString());
        var started = bodies.Where(x => x.Payload.Contains("\"alert.started\"", StringComparison.Ordinal))
            .Select(x => JsonDocument.Parse(x.Payload).RootElement.GetProperty("data")).ToList();
        Assert.Equal(alerts.Select(a => a.GetProperty("id").GetInt64()).Order(), started.Select(d => d.GetProperty("alertId").GetInt64()).Order());
        Assert.All(started, d => Assert.Equal("lower", d.GetProperty("zoneId").GetString()));

        // The delivery log shows them delivered.
        var log = (await client.GetJsonAsync($"/api/v1/channels/{channel}/deliveries")).EnumerateArray().ToList();
        Assert.Contains(log, d => d.GetProperty("event").GetString() == "analysis.completed" && d.GetProperty("delivered").GetBoolean());
        Assert.All(log, d => Assert.True(d.GetProperty("delivered").GetBoolean()));

        // Stopping the app cleanly says offline (a killed app's broker says it by the last will: the cluster tests).
        factory.Dispose();
        await probe.WaitForAsync(_ => probe.Latest(prefix + "/available") == "offline", Wait, "offline after a clean stop");
    }

    [Fact]
    public async Task HomeAssistantDiscovery_DescribesEveryZoneMetric_AndIsSentAgainWhenHomeAssistantStarts()
    {
        string prefix = NewPrefix();
        await using var probe = await MqttProbe.StartAsync("homeassistant/sensor/+/config");
        using var factory = new PortalFactory(TestDatabaseKind.Sqlite, WebhookDeliveryTests.Fast);
        using var client = factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long video = await client.UploadSampleAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.PutZonesAsync(video, Zones)).StatusCode);
        long channel = await CreateMqttChannelAsync(client, prefix);
        string slug = $"vtest-avi-{video}";
        bool Mine(ProbeMessage m) => m.Payload.Contains($"\"{prefix}/", StringComparison.Ordinal);

        // frame: count, level; lower: count, level, density; crossing: in, out.
        var got = await probe.WaitForAsync(m => m.Count(Mine) >= 7, Wait, "7 discovery messages");
        var configs = got.Where(Mine).ToDictionary(m => m.Topic, m => JsonDocument.Parse(m.Payload).RootElement);
        Assert.Equal(7, configs.Count);
        Assert.All(got.Where(Mine), m => Assert.Matches("^homeassistant/sensor/crowdportal_[0-9a-f]{6}_[0-9]+_[0-9]+_[a-z0-9_]+/config$", m.Topic));
        JsonElement Sensor(string zone, string metric) =>
            Assert.Single(configs.Values, c => c.GetProperty("state_topic").GetString() == $"{prefix}/{slug}/zone/{zone}/{metric}");

        var count = Sensor("lower", "count");
        Assert.Equal("Lower half count", count.GetProperty("name").GetString());
        Assert.Equal("measurement", count.GetProperty("state_class").GetString());
        Assert.Equal("people", count.GetProperty("unit_of_measurement").GetString());
        Assert.Equal(prefix + "/available", count.GetProperty("availability_topic").GetString());
        Assert.Equal("online", count.GetProperty("payload_available").GetString());
        Assert.Equal("offline", count.GetProperty("payload_not_available").GetString());
        Assert.Equal("measurement", Sensor("lower", "density").GetProperty("state_class").GetString());
        Assert.Equal("people/m²", Sensor("lower", "density").GetProperty("unit_of_measurement").GetString());
        var level = Sensor("lower", "level");
        Assert.Equal("enum", level.GetProperty("device_class").GetString());
        Assert.Equal(["normal", "warning", "critical"], level.GetProperty("options").EnumerateArray().Select(o => o.GetString()!));
        Assert.False(level.TryGetProperty("state_class", out _));
        Assert.Equal("total_increasing", Sensor("crossing", "in").GetProperty("state_class").GetString());
        Assert.Equal("total_increasing", Sensor("crossing", "out").GetProperty("state_class").GetString());
        Assert.Equal("Whole frame count", Sensor("frame", "count").GetProperty("name").GetString());
        // One device for the video, named after it; unique ids unique.
        var devices = configs.Values.Select(c => c.GetProperty("device")).ToList();
        Assert.Single(devices.Select(d => d.GetProperty("identifiers")[0].GetString()).Distinct());
        Assert.All(devices, d => Assert.Equal("vtest.avi", d.GetProperty("name").GetString()));
        Assert.All(devices, d => Assert.Equal("Video", d.GetProperty("model").GetString()));
        Assert.Equal(7, configs.Values.Select(c => c.GetProperty("unique_id").GetString()).Distinct().Count());
        Assert.All(configs, c => Assert.Equal(c.Key, $"homeassistant/sensor/{c.Value.GetProperty("unique_id").GetString()}/config"));
        Assert.All(got.Where(Mine), m => Assert.False(m.Retained)); // live publishes; the broker keeps them (next check)

        // Retained, and sent again when Home Assistant announces itself after a restart.
        await using var restarted = await MqttProbe.StartAsync("homeassistant/sensor/+/config");
        var kept = await restarted.WaitForAsync(m => m.Count(Mine) >= 7, Wait, "retained discovery");
        Assert.All(kept.Where(Mine), m => Assert.True(m.Retained));
        int before = probe.Messages.Count(Mine);
        await probe.PublishAsync("homeassistant/status", "online");
        await probe.WaitForAsync(m => m.Count(Mine) >= before + 7, Wait, "discovery again after homeassistant/status online");
        Assert.Equal(channel, (await client.GetJsonAsync($"/api/v1/channels/{channel}")).GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task TestEvent_ArrivesOnTheEventsTopic_AndIsLogged()
    {
        string prefix = NewPrefix();
        await using var probe = await MqttProbe.StartAsync(prefix + "/events");
        using var factory = new PortalFactory(TestDatabaseKind.Sqlite, WebhookDeliveryTests.Fast);
        using var client = factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long channel = await CreateMqttChannelAsync(client, prefix, ["alert.started"]);

        Assert.Equal(HttpStatusCode.Accepted, (await client.SendWithTokenAsync(HttpMethod.Post, $"/api/v1/channels/{channel}/test")).StatusCode);
        var message = Assert.Single(await probe.WaitForAsync(m => m.Count >= 1, Wait, "the test event"));
        var body = JsonDocument.Parse(message.Payload).RootElement;
        Assert.Equal("test", body.GetProperty("type").GetString());
        Assert.Equal(channel, body.GetProperty("data").GetProperty("channelId").GetInt64());
        Assert.False(message.Retained);
        var delivery = (await client.WaitForChannelAsync(channel, c => c.GetProperty("pendingDeliveries").GetInt32() == 0, Wait, "delivered"));
        Assert.Equal("active", delivery.GetProperty("state").GetString());
        var log = Assert.Single((await client.GetJsonAsync($"/api/v1/channels/{channel}/deliveries")).EnumerateArray());
        Assert.True(log.GetProperty("delivered").GetBoolean());
        Assert.Equal(1, log.GetProperty("attempts").GetInt32());
    }
}
