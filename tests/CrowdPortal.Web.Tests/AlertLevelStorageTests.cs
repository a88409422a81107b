using CrowdPortal.Core.Alerts;
using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using CrowdPortal.Web.Tests.Cameras;
using CrowdPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdPortal.Web.Tests;

/// <summary>
/// An alert's level is an enum in code and the same lower-case word in its row as before it was one: rows written by
/// earlier versions read back unchanged, filtering by level still matches them, and the model needs no migration.
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
