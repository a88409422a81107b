using CrowdPortal.Core.Alerts;
using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using CrowdPortal.Web.Tests.Cameras;
using CrowdPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdPortal.Web.Tests;

/// <summary>
/// An alert level is an enum in code and the same lower-case word in its rows as before it was one (alerts, zone counts,
/// the outbox, channels' minimum): rows written by earlier versions read back unchanged, filtering by level still
/// matches them, and the model needs no migration.
/// </summary>
public abstract class AlertLevelStorageTests(PortalFixture portal)
{
    public static TheoryData<string, AlertLevel, string> Levels => new()
    {
        { "warning", AlertLevel.Warning, "warning" },
        { "critical", AlertLevel.Critical, "critical" },
    };

    [Theory]
    [MemberData(nameof(Levels))]
    public async Task Level_IsStoredAsItsLowerCaseWord_AndReadBack(string label, AlertLevel level, string word)
    {
        long videoId = await AddWebcamAsync();
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
        var alert = new AlertRecord { VideoId = videoId, ZoneId = "door", Label = "Door", TsStart = 1, Level = level, PeakValue = 9, Unit = "people" };
        db.Alerts.Add(alert);
        await db.SaveChangesAsync();

        Assert.Equal(word, await db.Database.SqlQuery<string>($"SELECT level AS Value FROM alerts WHERE id = {alert.Id}").SingleAsync());
        Assert.True(level == await db.Alerts.AsNoTracking().Where(a => a.Id == alert.Id).Select(a => a.Level).SingleAsync(), label);
    }

    [Theory]
    [MemberData(nameof(Levels))]
    public async Task RowWrittenAsAWord_ReadsAsItsLevel_AndMatchesItsFilter(string label, AlertLevel level, string word)
    {
        long videoId = await AddWebcamAsync();
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
        var alert = new AlertRecord { VideoId = videoId, ZoneId = "door", Label = "Door", TsStart = 1, Level = AlertLevel.Warning, PeakValue = 9, Unit = "people" };
        db.Alerts.Add(alert);
        await db.SaveChangesAsync();

        await db.Database.ExecuteSqlAsync($"UPDATE alerts SET level = {word} WHERE id = {alert.Id}");

        Assert.True(level == await db.Alerts.AsNoTracking().Where(a => a.Id == alert.Id).Select(a => a.Level).SingleAsync(), label);
        Assert.Equal([alert.Id], await db.Alerts.Where(a => a.VideoId == videoId && a.Level == level).Select(a => a.Id).ToListAsync());
    }

    /// <summary>A zone count's level, an outbox event's level and a channel's minimum level: the same words as the alerts' column.</summary>
    [Theory]
    [MemberData(nameof(Levels))]
    public async Task OtherLevelColumns_StoreTheSameWord_AndReadItBack(string label, AlertLevel level, string word)
    {
        long videoId = await AddWebcamAsync();
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
        string userId = await db.Videos.Where(v => v.Id == videoId).Select(v => v.UserId).SingleAsync();
        var count = new ZoneCount { VideoId = videoId, ZoneId = "door", Ts = 1, Label = "Door", Current = 9, Level = level };
        var outboxEvent = new NotificationEvent { UserId = userId, Type = "alert.started", VideoId = videoId, Level = level, Body = "{}", DispatchedAt = DateTime.UtcNow };
        var channel = new NotificationChannel { UserId = userId, Name = "pager", Kind = "webhook", Url = "http://127.0.0.1:9/", Events = "alert.started", MinLevel = level };
        db.AddRange(count, outboxEvent, channel);
        await db.SaveChangesAsync();

        Assert.Equal(word, await db.Database.SqlQuery<string>($"SELECT level AS Value FROM zone_counts WHERE id = {count.Id}").SingleAsync());
        Assert.Equal(word, await db.Database.SqlQuery<string>($"SELECT level AS Value FROM notification_outbox WHERE id = {outboxEvent.Id}").SingleAsync());
        Assert.Equal(word, await db.Database.SqlQuery<string>($"SELECT min_level AS Value FROM notification_channels WHERE id = {channel.Id}").SingleAsync());

        // Rows written as words by an earlier version read back as their level.
        await db.Database.ExecuteSqlAsync($"UPDATE zone_counts SET level = {word} WHERE id = {count.Id}");
        Assert.True(level == await db.ZoneCounts.AsNoTracking().Where(c => c.Id == count.Id).Select(c => c.Level).SingleAsync(), label);
        Assert.True(level == await db.NotificationOutbox.AsNoTracking().Where(e => e.Id == outboxEvent.Id).Select(e => e.Level).SingleAsync(), label);
        Assert.True(level == await db.NotificationChannels.AsNoTracking().Where(c => c.Id == channel.Id).Select(c => c.MinLevel).SingleAsync(), label);

        // A channel without a minimum and an event without a level stay null.
        await db.Database.ExecuteSqlAsync($"UPDATE notification_channels SET min_level = NULL WHERE id = {channel.Id}");
        Assert.Null(await db.NotificationChannels.AsNoTracking().Where(c => c.Id == channel.Id).Select(c => c.MinLevel).SingleAsync());
    }

    [Fact]
    public async Task TheModelNeedsNoMigration()
    {
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();

        Assert.False(db.Database.HasPendingModelChanges(), "the model differs from the latest migration's snapshot");
    }

    private async Task<long> AddWebcamAsync()
    {
        // A webcam runs only while a page sends it frames, so no analysis writes alerts for it during the test.
        using var client = portal.Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        return await client.AddWebcamAsync("Desk");
    }
}

public sealed class SqliteAlertLevelStorageTests(SqlitePortal portal) : AlertLevelStorageTests(portal), IClassFixture<SqlitePortal>;

public sealed class MariaDbAlertLevelStorageTests(MariaDbPortal portal) : AlertLevelStorageTests(portal), IClassFixture<MariaDbPortal>;
