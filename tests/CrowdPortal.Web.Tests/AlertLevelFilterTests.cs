using System.Net;
using CrowdPortal.Core.Alerts;
using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using CrowdPortal.Web.Tests.Cameras;
using CrowdPortal.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdPortal.Web.Tests;

/// <summary>The alerts API's <c>level</c> filter: "warning" or "critical" pick those alerts, anything else is a 400.</summary>
public sealed class AlertLevelFilterTests(SqlitePortal portal) : IClassFixture<SqlitePortal>
{
    [Theory]
    [InlineData("warning")]
    [InlineData("critical")]
    public async Task Level_ListsOnlyAlertsOfThatLevel_NamedByTheSameWord(string word)
    {
        using var client = portal.Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long camera = await client.AddWebcamAsync("Desk");
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
            db.Alerts.Add(new AlertRecord { VideoId = camera, ZoneId = "door", Label = "Door", TsStart = 1, Level = AlertLevel.Warning, PeakValue = 5, Unit = "people" });
            db.Alerts.Add(new AlertRecord { VideoId = camera, ZoneId = "door", Label = "Door", TsStart = 2, Level = AlertLevel.Critical, PeakValue = 9, Unit = "people" });
            await db.SaveChangesAsync();
        }

        var listed = (await PortalClient.ReadJsonAsync(await client.Http.GetAsync($"/api/v1/alerts?videoId={camera}&level={word}"))).EnumerateArray().ToList();

        var alert = Assert.Single(listed);
        Assert.Equal(word, alert.GetProperty("level").GetString());
    }

    [Theory]
    [InlineData("normal")]
    [InlineData("Critical")]
    [InlineData("high")]
    public async Task OtherLevel_IsABadRequest(string word)
    {
        using var client = portal.Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();

        var response = await client.Http.GetAsync($"/api/v1/alerts?level={word}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
