using System.Net;
using CrowdPortal.Web.Tests.Cameras;
using CrowdPortal.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CrowdPortal.Web.Tests.Notifications;

/// <summary>
/// Webhook delivery through a database outage: a private MariaDB is stopped while events wait in the outbox (their
/// receiver failing), the receiver recovers while the database is still away, and once MariaDB is back every event
/// arrives, each once and with the webhook-id it was first tried with.
/// </summary>
public sealed class NotificationDatabaseOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task MariaDbStopped_WithEventsWaiting_TheyGoOnceItIsBack_EachOnceWithItsId()
    {
        using var mariadb = await PrivateMariaDb.StartNewAsync();
        await using var receiver = new WebhookReceiver();
        await receiver.StartAsync();
        var settings = new Dictionary<string, string?>(WebhookDeliveryTests.Fast)
        {
            ["Database:Provider"] = "MySql",
            ["ConnectionStrings:MySql"] = mariadb.ConnectionString,
            ["Notifications:MaxFailures"] = "100000", // the outage must not pause the channel
        };
        using var factory = new PortalFactory(TestDatabaseKind.Sqlite, settings);
        using var client = factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        var (id, secret) = await client.CreateWebhookAsync(receiver.Url);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await client.SendWithTokenAsync(HttpMethod.Post, $"/api/v1/channels/{id}/test")).StatusCode);
        }

        await receiver.WaitForAsync(r => r.Count(x => x.Status == 200) == 3, Wait, "the first three events, before the outage");

        // Four more events wait: the receiver fails them, so they are still pending when the database goes.
        receiver.AnswerWith = 503;
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await client.SendWithTokenAsync(HttpMethod.Post, $"/api/v1/channels/{id}/test")).StatusCode);
        }

        await receiver.WaitForAsync(r => r.Any(x => x.Status == 503), Wait, "a failed attempt of the waiting events");
        await mariadb.StopAsync();
        await WaitAsync(() => factory.Logs.Lines.Any(l => l.Contains("a sending round failed", StringComparison.Ordinal)), "the sender noticing the outage");
        receiver.AnswerWith = 200;
        await Task.Delay(TimeSpan.FromSeconds(2)); // rounds during the outage: none may send (or lose) anything
        Assert.Equal(3, receiver.Accepted.Count);
        var triedBefore = receiver.Requests.Where(r => r.Status == 503).Select(r => r.Id).ToHashSet();

        await mariadb.StartAsync();
        var all = await receiver.WaitForAsync(r => r.Count(x => x.Status == 200) >= 7, Wait, "all seven events after the outage");
        await Task.Delay(TimeSpan.FromSeconds(2)); // time for a duplicate to show up, if there were one
        all = receiver.Requests;
        var accepted = all.Where(r => r.Status == 200).ToList();
        output.WriteLine($"{all.Count} requests, {accepted.Count} accepted; {triedBefore.Count} events were waiting when MariaDB stopped");

        Assert.Equal(7, accepted.Count);
        Assert.Equal(7, accepted.Select(r => r.Id).Distinct().Count());
        Assert.Subset(accepted.Select(r => r.Id).ToHashSet(), triedBefore); // retried with the id they were first sent with
        Assert.All(all.GroupBy(r => r.Id), g => Assert.Single(g.Select(r => r.Body).Distinct()));
        Assert.All(all, r => Assert.True(WebhookReceiver.SignatureIsValid(secret, r), "signature of " + r.Id));
        Assert.Contains(factory.Logs.Lines, l => l.Contains("Notifications: sending again", StringComparison.Ordinal));
        var log = (await client.GetJsonAsync($"/api/v1/channels/{id}/deliveries")).EnumerateArray().ToList();
        Assert.Equal(7, log.Count);
        Assert.All(log, d => Assert.True(d.GetProperty("delivered").GetBoolean()));
    }

    private static async Task WaitAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Timed out waiting for " + what);
            }

            await Task.Delay(100);
        }
    }
}
