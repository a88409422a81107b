using CrowdPortal.Data;
using CrowdPortal.Tests.Shared;
using CrowdPortal.Web.Cameras;
using CrowdPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CrowdPortal.Web.Tests.Cameras;

/// <summary>
/// Live counting through a database outage: MariaDB is stopped for a few seconds and started again while a camera
/// counts; results wait in the camera's buffer and land when the database is back, with no interval lost or duplicated.
/// </summary>
public sealed class DatabaseOutageTests(ITestOutputHelper output)
{
    [Fact]
    public async Task MariaDbStoppedDuringLiveCounting_NoIntervalIsLostOrDuplicated()
    {
        using var mariadb = await PrivateMariaDb.StartNewAsync();
        using var stream = new LoopbackMjpegServer();
        stream.Start();
        var settings = new Dictionary<string, string?>(CameraStreamTests.FastReconnect)
        {
            ["Database:Provider"] = "MySql",
            ["ConnectionStrings:MySql"] = mariadb.ConnectionString,
        };
        using var factory = new PortalFactory(TestDatabaseKind.Sqlite, settings);
        using var client = factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long id = await client.AddIpCameraAsync("Loopback", stream.Url);
        await client.PutCameraZonesAsync(id, AnalysisHelpers.SampleZones);
        await client.CameraActionAsync(id, "start");
        await client.WaitForCameraAsync(id, TimeSpan.FromSeconds(60), c => c.GetProperty("state").GetString() == "online", "going online");
        await WaitAsync(async () => (await TimesAsync(factory, id)).Count >= 3, "first rows");
        var live = factory.Services.GetRequiredService<CameraRuntime>().For(id);

        await mariadb.StopAsync();
        // An outage of a few seconds: six batches (intervals and status) wait in the buffer before MariaDB comes back.
        await WaitAsync(() => Task.FromResult(live.BufferedBatches >= 6), "results waiting in the buffer");
        int bufferedAtRestart = live.BufferedBatches;
        await mariadb.StartAsync();
        await WaitAsync(() => Task.FromResult(live.BufferedBatches == 0), "the buffer draining", TimeSpan.FromSeconds(60));
        // Counting goes on live after the drain: two more intervals stored straight away.
        int drained = (await TimesAsync(factory, id)).Count;
        await WaitAsync(async () => (await TimesAsync(factory, id)).Count >= drained + 2, "intervals stored after the drain");
        await client.CameraActionAsync(id, "stop");

        var times = await TimesAsync(factory, id);
        output.WriteLine($"{times.Count} intervals from {times[0]} to {times[^1]} s; {bufferedAtRestart} batches were buffered when MariaDB came back");
        Assert.Equal(times.Count, times.Distinct().Count());
        for (int i = 1; i < times.Count; i++)
        {
            Assert.True(Math.Abs(times[i] - times[i - 1] - 1.0) < 1e-6, $"gap or overlap between {times[i - 1]} and {times[i]}");
        }

        Assert.True(times[^1] - times[0] >= 8, $"the run covered only {times[^1] - times[0]} s");
        Assert.Equal(0, live.DroppedSamples);
        Assert.Equal(0, (await client.GetCameraAsync(id)).GetProperty("droppedSamples").GetInt64());
    }

    [Fact]
    public async Task BufferOverflow_IsCountedAsDropped_AndShownByTheApi()
    {
        using var mariadb = await PrivateMariaDb.StartNewAsync();
        using var stream = new LoopbackMjpegServer();
        stream.Start();
        var settings = new Dictionary<string, string?>(CameraStreamTests.FastReconnect)
        {
            ["Database:Provider"] = "MySql",
            ["ConnectionStrings:MySql"] = mariadb.ConnectionString,
            ["Cameras:BufferedBatches"] = "2",
        };
        using var factory = new PortalFactory(TestDatabaseKind.Sqlite, settings);
        using var client = factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long id = await client.AddIpCameraAsync("Loopback", stream.Url);
        await client.CameraActionAsync(id, "start");
        await WaitAsync(async () => (await TimesAsync(factory, id, "frame")).Count >= 2, "first rows");
        var live = factory.Services.GetRequiredService<CameraRuntime>().For(id);

        await mariadb.StopAsync();
        await WaitAsync(() => Task.FromResult(live.DroppedSamples > 0), "samples dropped when the buffer is full");
        await mariadb.StartAsync();

        var camera = await client.WaitForCameraAsync(id, TimeSpan.FromSeconds(60), c => c.GetProperty("droppedSamples").GetInt64() > 0, "showing the dropped counter");
        output.WriteLine($"dropped samples shown: {camera.GetProperty("droppedSamples").GetInt64()}");
        await client.CameraActionAsync(id, "stop");
        using var scope = factory.Services.CreateScope();
        var row = await scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>().Videos.AsNoTracking().SingleAsync(v => v.Id == id);
        Assert.True(row.DroppedSamples > 0, "the dropped counter is kept on the camera row");
    }

    private static async Task<List<double>> TimesAsync(PortalFactory factory, long id, string zone = "lower")
    {
        using var scope = factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>().ZoneCounts
            .Where(c => c.VideoId == id && c.ZoneId == zone).Select(c => c.Ts).OrderBy(t => t).ToListAsync();
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(45));
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is InvalidOperationException or MySqlConnector.MySqlException)
            {
                // The database is down on purpose.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("Timed out waiting for " + what);
    }
}
