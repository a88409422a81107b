using CrowdPortal.Core.Alerts;
using CrowdPortal.Core.Zones;
using CrowdPortal.Data;
using CrowdPortal.Web.Analysis;
using CrowdPortal.Web.Notifications;
using CrowdPortal.Web.Tests.Cameras;
using CrowdPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdPortal.Web.Tests.Notifications;

/// <summary>
/// alert.escalated: an open alert that rises from warning to critical sends one, with the level and value of that
/// moment, to a signed webhook; falling back to warning sends nothing; alert.started keeps the level it started at even
/// when the rise comes in the same batch of results.
/// </summary>
public sealed class AlertEscalationTests
{
    [Theory]
    [InlineData(TestDatabaseKind.Sqlite)]
    [InlineData(TestDatabaseKind.MariaDb)]
    public async Task AnOpenAlertRisingToCritical_SendsOneAlertEscalated_WithThatMomentsLevelAndValue(TestDatabaseKind kind)
    {
        await using var receiver = new WebhookReceiver();
        await receiver.StartAsync();
        using var factory = new PortalFactory(kind, WebhookDeliveryTests.Fast);
        using var client = factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long camera = await client.AddIpCameraAsync("Gate A", "rtsp://10.0.0.7/a");
        var (_, secret) = await client.CreateWebhookAsync(receiver.Url, ["alert.started", "alert.escalated", "alert.ended"]);

        // Batches of results as a camera stores them, one alert after the other.
        await ApplyAsync(factory, camera, Event(AlertEventKind.Started, AlertLevel.Warning, AlertLevel.Warning, start: 10, value: 4));
        await ApplyAsync(factory, camera, Event(AlertEventKind.LevelChanged, AlertLevel.Critical, AlertLevel.Critical, start: 10, value: 7));
        await ApplyAsync(factory, camera, Event(AlertEventKind.LevelChanged, AlertLevel.Warning, AlertLevel.Critical, start: 10, value: 7));
        await ApplyAsync(factory, camera, Event(AlertEventKind.Ended, AlertLevel.Normal, AlertLevel.Critical, start: 10, value: 7, end: 30));
        await ApplyAsync(factory, camera,
            Event(AlertEventKind.Started, AlertLevel.Warning, AlertLevel.Warning, start: 40, value: 2),
            Event(AlertEventKind.LevelChanged, AlertLevel.Critical, AlertLevel.Critical, start: 40, value: 5));

        var all = await receiver.WaitForAsync(r => r.Count(x => x.Status == 200) >= 5, TimeSpan.FromSeconds(60), "five alert events");
        await Task.Delay(TimeSpan.FromSeconds(1)); // a sixth, if there were one
        var got = receiver.Accepted.Select(r => (r.Type, Level: r.Data.GetProperty("level").GetString(), Value: r.Data.GetProperty("value").GetDouble(),
            Start: r.Data.GetProperty("startSeconds").GetDouble())).ToList();
        Assert.Equal(
            [("alert.started", "warning", 4.0, 10.0), ("alert.escalated", "critical", 7.0, 10.0), ("alert.ended", "critical", 7.0, 10.0),
             ("alert.started", "warning", 2.0, 40.0), ("alert.escalated", "critical", 5.0, 40.0)],
            got);
        Assert.All(all, r => Assert.True(WebhookReceiver.SignatureIsValid(secret, r)));
        var escalated = receiver.Accepted.First(r => r.Type == "alert.escalated").Data;
        Assert.Equal("Gate A", escalated.GetProperty("name").GetString());
        Assert.Equal("camera", escalated.GetProperty("source").GetString());
        Assert.Equal($"/Dashboard/{camera}", escalated.GetProperty("url").GetString());
    }

    private static AlertEvent Event(AlertEventKind kind, AlertLevel level, AlertLevel peak, double start, double value, double? end = null) =>
        new("door", kind, level, peak, start, end, value, end ?? start + 1);

    private static async Task ApplyAsync(PortalFactory factory, long camera, params AlertEvent[] events)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
        var video = await db.Videos.AsNoTracking().SingleAsync(v => v.Id == camera);
        await AlertRows.ApplyAsync(db, EventSubject.From(video), new ZoneLabels(ZoneSet.Empty), events, scope.ServiceProvider.GetRequiredService<NotificationEvents>());
    }
}
