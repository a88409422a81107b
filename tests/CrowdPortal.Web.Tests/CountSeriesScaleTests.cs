using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using CrowdPortal.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdPortal.Web.Tests;

/// <summary>A one-hour video with five zones (3,600 samples each) charts from a few hundred points per series.</summary>
public sealed class CountSeriesScaleTests
{
    [Fact]
    public async Task OneHourFiveZones_IsDownsampledToAtMost600PointsPerSeries_KeepingPeaksAndTotals()
    {
        using var factory = new PortalFactory(TestDatabaseKind.Sqlite);
        using var client = factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long id = await client.UploadSampleAsync();
        string[] zones = ["a", "b", "c", "d", "e"];
        await client.PutZonesAsync(id, "[" + string.Join(",", zones.Select(z =>
            $$"""{"zoneId":"{{z}}","label":"Zone {{z}}","points":[[0,0],[1,0],[1,1]]}""")) + "]");
        await SeedOneHourAsync(factory, id, [.. zones, "frame"]);

        var response = await client.Http.GetAsync($"/api/v1/videos/{id}/counts");
        var counts = await PortalClient.ReadJsonAsync(response);

        var series = counts.GetProperty("series").EnumerateArray().ToList();
        Assert.Equal(6, series.Count);
        Assert.All(series, s => Assert.InRange(s.GetProperty("samples").GetArrayLength(), 500, 600));
        var a = series.Single(s => s.GetProperty("zoneId").GetString() == "a").GetProperty("samples").EnumerateArray().ToList();
        Assert.Equal(99, a.Max(p => p.GetProperty("peak").GetInt32()));
        Assert.Equal(3600, a.Sum(p => p.GetProperty("entries").GetInt32()));
        Assert.Equal(6.0, counts.GetProperty("bucketSeconds").GetDouble());
    }

    private static async Task SeedOneHourAsync(PortalFactory factory, long videoId, string[] zones)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
        foreach (string zone in zones)
        {
            for (int ts = 0; ts < 3600; ts++)
            {
                db.ZoneCounts.Add(new ZoneCount
                {
                    VideoId = videoId,
                    ZoneId = zone,
                    Ts = ts,
                    Label = zone,
                    Current = ts % 50,
                    Peak = ts == 1234 ? 99 : ts % 50,
                    Entries = 1,
                    Exits = 1,
                });
            }

            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
        }
    }
}
