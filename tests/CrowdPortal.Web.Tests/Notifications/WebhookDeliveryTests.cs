using System.Net;
using System.Text.Json;
using CrowdPortal.Web.Tests.Infrastructure;

namespace CrowdPortal.Web.Tests.Notifications;

/// <summary>
/// Webhook delivery end to end, through a real receiver on loopback that checks every signature: a test event, the
/// alerts and completion of a real analysis while the receiver is down (all arrive afterwards, each with one webhook-id
/// however often it was tried), pausing after failures in a row and resuming, events left undelivered by a stopped app
/// delivered by the next start, and two nodes on one database sending each event once.
/// </summary>
public sealed class WebhookDeliveryTests
{
    /// <summary>Quick rounds and short back-off, so retries happen within a test.</summary>
    public static readonly IReadOnlyDictionary<string, string?> Fast = new Dictionary<string, string?>
    {
        ["Notifications:PollMilliseconds"] = "100",
        ["Notifications:InitialBackoffSeconds"] = "0.2",
        ["Notifications:MaxBackoffSeconds"] = "1",
    };

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(TestDatabaseKind.Sqlite)]
    [InlineData(TestDatabaseKind.MariaDb)]
    public async Task TestEvent_ArrivesSigned_AndIsInTheDeliveryLog(TestDatabaseKind kind)
    {
        await using var receiver = new WebhookReceiver();
        await receiver.StartAsync();
        using var factory = new PortalFactory(kind, Fast);
        using var client = factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        var (id, secret) = await client.CreateWebhookAsync(receiver.Url, ["alert.started"]);

        var queued = await client.SendWithTokenAsync(HttpMethod.Post, $"/api/v1/channels/{id}/test");
        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        var request = Assert.Single(await receiver.WaitForAsync(r => r.Count >= 1, Wait, "the test event"));

        Assert.True(WebhookReceiver.SignatureIsValid(secret, request), "signature");
        Assert.Equal("test", request.Type);
        Assert.Equal(id, request.Data.GetProperty("channelId").GetInt64());
        Assert.Matches("^msg_[0-9a-f]{24}$", request.Id);
        var log = await WaitForLogAsync(client, id, d => d.GetProperty("delivered").GetBoolean());
        var delivery = Assert.Single(log);
        Assert.Equal(request.Id, delivery.GetProperty("messageId").GetString());
        Assert.Equal(1, delivery.GetProperty("attempts").GetInt32());
        Assert.Equal(200, delivery.GetProperty("statusCode").GetInt32());
        Assert.Equal("thanks", delivery.GetProperty("response").GetString());
        Assert.Equal("test", delivery.GetProperty("event").GetString());
    }

    /// <summary>
    /// A real analysis with alerts while the receiver first answers 503, then is down altogether (connections refused):
    /// once it is back, every alert's alert.started and alert.ended and the analysis.completed arrive, correctly signed,
    /// each accepted once, and every retry of an event carried that event's one webhook-id. Acknowledging an alert then
    /// sends alert.acknowledged.
    /// </summary>
    [Fact]
    public async Task ReceiverOutage_DuringAnAnalysis_EveryEventArrivesAfterwards_OnceWithOneId()
    {
        await using var receiver = new WebhookReceiver { AnswerWith = 503 };
        await receiver.StartAsync();
        // Many quick failures in a row during the outage: the channel must not pause in this test.
        using var factory = new PortalFactory(TestDatabaseKind.Sqlite, new Dictionary<string, string?>(Fast) { ["Notifications:MaxFailures"] = "100000" });
        using var client = factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        var (channel, secret) = await client.CreateWebhookAsync(receiver.Url);
        long video = await client.UploadSampleAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.PutZonesAsync(video, AnalysisHelpers.SampleZones)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await client.SendWithTokenAsync(HttpMethod.Post, $"/api/v1/videos/{video}/analysis")).StatusCode);

        await receiver.WaitForAsync(r => r.Count >= 3, TimeSpan.FromMinutes(3), "failed attempts while answering 503");
        await receiver.StopAsync();
        await client.WaitForStatusAsync(video, TimeSpan.FromMinutes(6), "completed");
        await Task.Delay(TimeSpan.FromSeconds(2)); // attempts against a closed port meanwhile
        var failedIds = receiver.Requests.Select(r => r.Id).ToHashSet();
        receiver.AnswerWith = 200;
        await receiver.StartAsync();

        var alerts = (await client.GetJsonAsync($"/api/v1/alerts?videoId={video}")).EnumerateArray().ToList();
        Assert.NotEmpty(alerts);
        // Started per alert, ended per alert that ended (all do when the video ends), and the completion.
        int expected = alerts.Count + alerts.Count(a => a.GetProperty("tsEnd").ValueKind == JsonValueKind.Number) + 1;
        var all = await receiver.WaitForAsync(r => r.Count(x => x.Status == 200) >= expected, Wait, $"{expected} events");
        var accepted = all.Where(r => r.Status == 200).ToList();

        Assert.Equal(expected, accepted.Count); // nothing twice
        Assert.All(all, r => Assert.True(WebhookReceiver.SignatureIsValid(secret, r), "signature of " + r.Id));
        Assert.Equal(accepted.Count, accepted.Select(r => r.Id).Distinct().Count());
        Assert.Subset(accepted.Select(r => r.Id).ToHashSet(), failedIds); // retries carried the ids tried before
        // One id per event across every attempt, and one event per id.
        Assert.All(all.GroupBy(r => r.Body), g => Assert.Single(g.Select(r => r.Id).Distinct()));
        Assert.All(all.GroupBy(r => r.Id), g => Assert.Single(g.Select(r => r.Body).Distinct()));
        foreach (var alert in alerts)
        {
            long alertId = alert.GetProperty("id").GetInt64();
            bool ended = alert.GetProperty("tsEnd").ValueKind == JsonValueKind.Number;
            foreach (string type in ended ? (string[])["alert.started", "alert.ended"] : ["alert.started"])
            {
                var message = Assert.Single(accepted, r => r.Type == type && r.Data.GetProperty("alertId").GetInt64() == alertId);
                Assert.Equal(video, message.Data.GetProperty("videoId").GetInt64());
                Assert.Equal("vtest.avi", message.Data.GetProperty("name").GetString());
                Assert.Equal("lower", message.Data.GetProperty("zoneId").GetString());
                Assert.Equal("Lower half", message.Data.GetProperty("zone").GetString());
                Assert.Equal("people", message.Data.GetProperty("unit").GetString());
                Assert.Contains(message.Data.GetProperty("level").GetString(), new[] { "warning", "critical" });
                Assert.True(message.Data.GetProperty("value").GetDouble() >= 1);
                Assert.Equal($"/Dashboard/{video}", message.Data.GetProperty("url").GetString());
            }
        }

        var completed = Assert.Single(accepted, r => r.Type == "analysis.completed");
        Assert.Equal("completed", completed.Data.GetProperty("status").GetString());

        long first = alerts[0].GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await client.SendWithTokenAsync(HttpMethod.Post, $"/api/v1/alerts/{first}/acknowledge")).StatusCode);
        var acknowledged = (await receiver.WaitForAsync(r => r.Any(x => x.Status == 200 && x.Type == "alert.acknowledged"), Wait, "alert.acknowledged"))
            .Single(r => r.Type == "alert.acknowledged");
        Assert.Equal(first, acknowledged.Data.GetProperty("alertId").GetInt64());
        Assert.False(string.IsNullOrEmpty(acknowledged.Data.GetProperty("acknowledgedBy").GetString()));
        Assert.Equal("active", (await client.GetJsonAsync($"/api/v1/channels/{channel}")).GetProperty("state").GetString());
    }

    [Fact]
    public async Task FailuresInARow_PauseTheChannel_WithTheReason_AndResumeSendsWhatWaited()
    {
        await using var receiver = new WebhookReceiver { AnswerWith = 500 };
        await receiver.StartAsync();
        using var factory = new PortalFactory(TestDatabaseKind.Sqlite, new Dictionary<string, string?>(Fast) { ["Notifications:MaxFailures"] = "3" });
        using var client = factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        var (id, secret) = await client.CreateWebhookAsync(receiver.Url);
        await client.SendWithTokenAsync(HttpMethod.Post, $"/api/v1/channels/{id}/test");

        var paused = await client.WaitForChannelAsync(id, c => c.GetProperty("state").GetString() == "paused", Wait, "paused");
        Assert.Contains("3 failed attempts in a row", paused.GetProperty("pauseReason").GetString(), StringComparison.Ordinal);
        Assert.Contains("500", paused.GetProperty("pauseReason").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, paused.GetProperty("pendingDeliveries").GetInt32());
        Assert.Equal(3, receiver.Requests.Count);
        string page = await client.Http.GetStringAsync("/Settings/Notifications");
        Assert.Contains("3 failed attempts in a row", page, StringComparison.Ordinal);
        Assert.Contains(">Resume</button>", page, StringComparison.Ordinal);

        receiver.AnswerWith = 200;
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(3, receiver.Requests.Count); // paused: nothing is tried

        var resumed = await client.PostFormAsync($"/Settings/Notifications/{id}/Resume", new Dictionary<string, string>(), "/Settings/Notifications");
        Assert.Equal(HttpStatusCode.Redirect, resumed.StatusCode);
        var all = await receiver.WaitForAsync(r => r.Any(x => x.Status == 200), Wait, "the event after resuming");
        Assert.Single(all.Select(r => r.Id).Distinct());
        Assert.True(WebhookReceiver.SignatureIsValid(secret, all[^1]));
        var log = Assert.Single((await client.GetJsonAsync($"/api/v1/channels/{id}/deliveries")).EnumerateArray());
        Assert.Equal(4, log.GetProperty("attempts").GetInt32());
        Assert.True(log.GetProperty("delivered").GetBoolean());
    }

    /// <summary>Events the app could not deliver before it stopped wait in the database and go out after the next start.</summary>
    [Fact]
    public async Task EventsUndeliveredWhenTheAppStops_AreDeliveredAfterItStartsAgain()
    {
        string workDir = Directory.CreateTempSubdirectory("crowdportal-test-").FullName;
        try
        {
            await using var receiver = new WebhookReceiver { AnswerWith = 503 };
            await receiver.StartAsync();
            string user;
            string secret;
            using (var first = new PortalFactory(TestDatabaseKind.Sqlite, Fast, workDir))
            using (var client = first.CreatePortalClient())
            {
                user = await client.RegisterNewUserAsync();
                (long id, secret) = await client.CreateWebhookAsync(receiver.Url);
                for (int i = 0; i < 3; i++)
                {
                    Assert.Equal(HttpStatusCode.Accepted, (await client.SendWithTokenAsync(HttpMethod.Post, $"/api/v1/channels/{id}/test")).StatusCode);
                }

                await receiver.WaitForAsync(r => r.Count >= 1, Wait, "a failed attempt before the stop");
            }

            var triedBefore = receiver.Requests.Select(r => r.Id).ToHashSet();
            receiver.AnswerWith = 200;
            using var second = new PortalFactory(TestDatabaseKind.Sqlite, Fast, workDir);
            using var again = second.CreatePortalClient();
            Assert.Equal(HttpStatusCode.Redirect, (await again.LoginAsync(user)).StatusCode);

            var all = await receiver.WaitForAsync(r => r.Count(x => x.Status == 200) >= 3, Wait, "the three events after the restart");
            var accepted = all.Where(r => r.Status == 200).ToList();
            Assert.Equal(3, accepted.Count);
            Assert.Equal(3, accepted.Select(r => r.Id).Distinct().Count());
            Assert.Subset(accepted.Select(r => r.Id).ToHashSet(), triedBefore);
            Assert.All(accepted, r => Assert.True(WebhookReceiver.SignatureIsValid(secret, r)));
        }
        finally
        {
            Directory.Delete(workDir, recursive: true);
        }
    }

    /// <summary>Two app nodes on one MariaDB database, both sending: each of 20 events reaches the receiver exactly once.</summary>
    [Fact]
    public async Task TwoNodes_OnOneDatabase_SendEachEventOnce()
    {
        await using var receiver = new WebhookReceiver();
        await receiver.StartAsync();
        using var nodeA = new PortalFactory(TestDatabaseKind.MariaDb, Fast);
        var sameData = new Dictionary<string, string?>(Fast)
        {
            ["ConnectionStrings:MySql"] = nodeA.Settings["ConnectionStrings:MySql"],
            ["Storage:KeysPath"] = nodeA.Settings["Storage:KeysPath"], // the keys that decrypt channel secrets
        };
        using var client = nodeA.CreatePortalClient();
        await client.RegisterNewUserAsync();
        using var nodeB = new PortalFactory(TestDatabaseKind.MariaDb, sameData);
        _ = nodeB.Services; // starts node B, and its sender
        var (id, secret) = await client.CreateWebhookAsync(receiver.Url);

        for (int i = 0; i < 20; i++)
        {
            await client.SendWithTokenAsync(HttpMethod.Post, $"/api/v1/channels/{id}/test");
        }

        await receiver.WaitForAsync(r => r.Count >= 20, Wait, "20 events");
        await Task.Delay(TimeSpan.FromSeconds(2)); // time for a duplicate to show up, if there were one
        var all = receiver.Requests;
        Assert.Equal(20, all.Count);
        Assert.Equal(20, all.Select(r => r.Id).Distinct().Count());
        Assert.All(all, r => Assert.True(WebhookReceiver.SignatureIsValid(secret, r)));
    }

    private static async Task<List<JsonElement>> WaitForLogAsync(PortalClient client, long id, Func<JsonElement, bool> done)
    {
        var deadline = DateTime.UtcNow + Wait;
        List<JsonElement> log = [];
        while (DateTime.UtcNow < deadline)
        {
            log = (await client.GetJsonAsync($"/api/v1/channels/{id}/deliveries")).EnumerateArray().ToList();
            if (log.Count > 0 && log.All(done))
            {
                return log;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The delivery log did not show the delivery: " + string.Join(", ", log));
    }
}
