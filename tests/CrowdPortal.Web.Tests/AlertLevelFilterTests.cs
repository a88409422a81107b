using System.Net;
using CrowdPortal.Core.Alerts;
using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using CrowdPortal.Web.Tests.Cameras;
using CrowdPortal.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdPortal.Web.Tests;

/// <summary>
/// The alerts API's <c>level</c> filter: "warning" or "critical" pick those alerts, anything else is a 400; the Alerts
/// page keeps the chosen level.
/// </summary>
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

    /// <summary>The Alerts page keeps a chosen level selected and hands the same word to its script; another word is "any level".</summary>
    [Theory]
    [InlineData("warning", "warning")]
    [InlineData("critical", "critical")]
    [InlineData("severe", "")]
    public async Task AlertsPage_KeepsTheChosenLevel(string query, string selected)
    {
        using var client = portal.Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        await client.UploadSampleAsync(); // without any video the page shows how to start instead of the filters

        string html = await client.Http.GetStringAsync($"/Alerts?level={query}");

        string table = html[html.IndexOf("id=\"alerts-table\"", StringComparison.Ordinal)..];
        table = table[..table.IndexOf('>', StringComparison.Ordinal)];
        Assert.Equal($"data-level=\"{selected}\"", System.Text.RegularExpressions.Regex.Match(table, "data-level=\"[^\"]*\"").Value);
        foreach (string word in new[] { "warning", "critical" })
        {
            bool chosen = html.Contains($"<option value=\"{word}\" selected=\"selected\">", StringComparison.Ordinal);
            Assert.True(chosen == (word == selected), $"{word} selected for level={query}");
        }
    }
}
