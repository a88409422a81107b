using System.Diagnostics;
using System.Net;
using CrowdPortal.Core.Alerts;
using CrowdPortal.Core.Zones;
using CrowdPortal.Data;
using CrowdPortal.Web.Analysis;
using CrowdPortal.Web.Notifications;
using CrowdPortal.Web.Tests.Cameras;
using CrowdPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CrowdPortal.Web.Tests.Notifications;

/// <summary>
/// An outbox row committed in this process wakes the sender: with the poll set to ten minutes, a test event (a plain
/// save) and an alert (stored with its event in one transaction) still reach the webhook within seconds.
/// </summary>
public sealed class OutboxWakeTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(15);

    [Theory]
    [InlineData(TestDatabaseKind.Sqlite)]
    [InlineData(TestDatabaseKind.MariaDb)]
    public async Task EventsWrittenHere_GoOutAtOnce_NotAtTheNextPoll(TestDatabaseKind kind)
    {
        await using var receiver = new WebhookReceiver();
        await receiver.StartAsync();
        using var factory = new PortalFactory(kind, new Dictionary<string, string?> { ["Notifications:PollMilliseconds"] = "600000" });
        using var client = factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long camera = await client.AddIpCameraAsync("Gate A", "rtsp://10.0.0.7/a");
        var (id, _) = await client.CreateWebhookAsync(receiver.Url, ["alert.started"]);

        var clock = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.Accepted, (await client.SendWithTokenAsync(HttpMethod.Post, $"/api/v1/channels/{id}/test")).StatusCode);
        await receiver.WaitForAsync(r => r.Any(x => x.Type == "test"), Soon, "the test event");
        output.WriteLine($"test event: {clock.ElapsedMilliseconds} ms");

        clock.Restart();
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
            var video = await db.Videos.AsNoTracking().SingleAsync(v => v.Id == camera);
            await AlertRows.ApplyAsync(db, EventSubject.From(video), new ZoneLabels(ZoneSet.Empty),
                [new AlertEvent("door", AlertEventKind.Started, AlertLevel.Warning, AlertLevel.Warning, 10, null, 4, 11)],
                scope.ServiceProvider.GetRequiredService<NotificationEvents>());
        }

        await receiver.WaitForAsync(r => r.Any(x => x.Type == "alert.started"), Soon, "the alert");
        output.WriteLine($"alert: {clock.ElapsedMilliseconds} ms");
    }
}
