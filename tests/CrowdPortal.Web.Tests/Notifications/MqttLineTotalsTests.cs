using System.Globalization;
using System.Net;
using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using CrowdPortal.Web.Analysis;
using CrowdPortal.Web.Cameras;
using CrowdPortal.Web.Notifications.Mqtt;
using CrowdPortal.Web.Tests.Cameras;
using CrowdPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdPortal.Web.Tests.Notifications;

/// <summary>
/// A counting line's MQTT <c>in</c>/<c>out</c> topics show its running total, kept as count rows are stored instead of
/// summed over every row each second: right after N writes, after a retried write replaces an interval, and still
/// after camera retention has deleted the rows (people who crossed stay counted).
/// </summary>
public sealed class MqttLineTotalsTests
{
    private const string Zones = """[{"zoneId":"crossing","label":"Crossing","kind":"line","points":[[0,0.6],[1,0.6]]}]""";

    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(TestDatabaseKind.Sqlite)]
    [InlineData(TestDatabaseKind.MariaDb)]
    public async Task LineTopics_ShowTheRunningTotal_AfterWrites_ARetriedInterval_AndRetention(TestDatabaseKind kind)
    {
        string prefix = MqttDeliveryTests.NewPrefix();
        await using var probe = await MqttProbe.StartAsync(prefix + "/#");
        using var factory = new PortalFactory(kind, new Dictionary<string, string?>(WebhookDeliveryTests.Fast) { ["Cameras:RetentionDays"] = "1" });
        using var client = factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long camera = await client.AddWebcamAsync("Door"); // a webcam counts only while a page sends frames: these rows are the only ones
        Assert.Equal(HttpStatusCode.OK, (await client.PutZonesAsync(camera, Zones)).StatusCode);
        await MqttDeliveryTests.CreateMqttChannelAsync(client, prefix);
        string topicIn = MqttTopics.ZoneMetric(prefix, MqttTopics.VideoSlug("Door", camera), "crossing", MqttZoneStates.In);
        string topicOut = MqttTopics.ZoneMetric(prefix, MqttTopics.VideoSlug("Door", camera), "crossing", MqttZoneStates.Out);
        async Task ShowsAsync(int wantIn, int wantOut, string when) => await probe.WaitForAsync(
            _ => probe.Latest(topicIn) == Text(wantIn) && probe.Latest(topicOut) == Text(wantOut), Wait, $"in {wantIn}, out {wantOut} {when}");
        await ShowsAsync(0, 0, "before any row");

        // N = 6 writes, one interval each, as a camera stores them: 1 + 2 + … + 6 in, one out each.
        const int N = 6;
        for (int i = 0; i < N; i++)
        {
            await WriteAsync(factory, camera, Row(camera, ts: i, entries: i + 1, exits: 1), Row(camera, ts: i, entries: 0, exits: 0, zoneId: "frame"));
        }

        await ShowsAsync(21, 6, $"after {N} writes");
        Assert.Equal((21, 6), await SumOfRowsAsync(factory, camera));

        // A retried write of interval 2 replaces its row (3 in, 1 out) instead of adding to it.
        await WriteAsync(factory, camera, Row(camera, ts: 2, entries: 0, exits: 4));
        await ShowsAsync(18, 9, "after interval 2 was written again");
        Assert.Equal((18, 9), await SumOfRowsAsync(factory, camera));

        // Retention deletes the rows of a camera added 3 days ago (1 day kept); the total stays.
        using (var scope = factory.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>().Videos.Where(v => v.Id == camera)
                .ExecuteUpdateAsync(s => s.SetProperty(v => v.CreatedAt, DateTime.UtcNow.AddDays(-3)));
        }

        await factory.Services.GetRequiredService<CameraRetention>().RunOnceAsync(CancellationToken.None);
        Assert.Equal((0, 0), await SumOfRowsAsync(factory, camera));
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
            string userId = await db.Videos.Where(v => v.Id == camera).Select(v => v.UserId).SingleAsync();
            var line = (await MqttZoneStates.ReadAsync(db, userId, null, CancellationToken.None)).Single().Zones.Single(z => z.ZoneId == "crossing");
            Assert.Equal((Text(18), Text(9)), (line.Values[MqttZoneStates.In], line.Values[MqttZoneStates.Out]));
        }

        Assert.Equal((Text(18), Text(9)), (probe.Latest(topicIn), probe.Latest(topicOut)));
    }

    /// <summary>Upgrading a portal with stored counts: the migration that adds the totals fills them from the rows.</summary>
    [Theory]
    [InlineData(TestDatabaseKind.Sqlite)]
    [InlineData(TestDatabaseKind.MariaDb)]
    public async Task Migration_TotalsTheRowsStoredBeforeIt(TestDatabaseKind kind)
    {
        using var factory = new PortalFactory(kind, WebhookDeliveryTests.Fast);
        using var client = factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long camera = await client.AddWebcamAsync("Door");
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
        var migrator = db.GetService<IMigrator>();
        string[] applied = [.. await db.Database.GetAppliedMigrationsAsync()];
        Assert.EndsWith("_TidyZoneTotals", applied[^1], StringComparison.Ordinal);

        await migrator.MigrateAsync(applied[^2]); // the schema before it: no zone_totals
        db.ZoneCounts.AddRange(Row(camera, 0, 2, 1), Row(camera, 1, 3, 0), Row(camera, 1, 0, 0, zoneId: "frame"), Row(camera, 0, 0, 0, zoneId: "quiet"));
        await db.SaveChangesAsync();
        await migrator.MigrateAsync();

        var totals = await db.ZoneTotals.AsNoTracking().Where(t => t.VideoId == camera).OrderBy(t => t.ZoneId).ToListAsync();
        var only = Assert.Single(totals); // zones nobody crossed get no row: they read as 0
        Assert.Equal(("crossing", 5L, 1L), (only.ZoneId, only.Entries, only.Exits));
    }

    private static async Task WriteAsync(PortalFactory factory, long camera, params ZoneCount[] rows)
    {
        using var scope = factory.Services.CreateScope();
        await SampleRows.ReplaceAsync(scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>(), camera, rows);
    }

    private static async Task<(int In, int Out)> SumOfRowsAsync(PortalFactory factory, long camera)
    {
        using var scope = factory.Services.CreateScope();
        var rows = await scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>().ZoneCounts.AsNoTracking()
            .Where(c => c.VideoId == camera && c.ZoneId == "crossing").ToListAsync();
        return (rows.Sum(r => r.Entries), rows.Sum(r => r.Exits));
    }

    private static ZoneCount Row(long videoId, double ts, int entries, int exits, string zoneId = "crossing") => new()
    {
        VideoId = videoId,
        ZoneId = zoneId,
        Ts = ts,
        Label = zoneId,
        Entries = entries,
        Exits = exits,
    };

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
