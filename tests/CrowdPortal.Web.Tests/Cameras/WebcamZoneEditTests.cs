using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using CrowdPortal.Data;
using CrowdPortal.Web.Hubs;
using CrowdPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdPortal.Web.Tests.Cameras;

/// <summary>Zones edited while a webcam page is sending frames apply to the running webcam, as they do to IP cameras.</summary>
public sealed class WebcamZoneEditTests
{
    private const string UpperHalf = """
        [{"zoneId":"upper","label":"Upper half","kind":"polygon","points":[[0,0],[1,0],[1,0.5],[0,0.5]]}]
        """;

    [Fact]
    public async Task ZonesEditedWhileStreaming_AreCountedWithoutRestartingTheWebcam()
    {
        using var factory = new PortalFactory(TestDatabaseKind.Sqlite, new Dictionary<string, string?> { ["Cameras:ZoneCheckSeconds"] = "1" });
        using var client = factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long id = await client.AddWebcamAsync("Desk");
        Assert.Equal(HttpStatusCode.OK, (await client.PutCameraZonesAsync(id, AnalysisHelpers.SampleZones)).StatusCode);
        var zonesSeen = new ConcurrentQueue<string[]>();
        await using var hub = WebcamHubTests.Connect(factory, client);
        hub.On<JsonElement>(nameof(IWebcamClient.Result), r => zonesSeen.Enqueue(r.GetProperty("zones").EnumerateArray().Select(z => z.GetProperty("zoneId").GetString()!).ToArray()));
        await hub.StartAsync();
        await hub.InvokeAsync("Start", id);
        var frames = WebcamHubTests.SampleJpegs(50, 640).Select(Convert.ToBase64String).ToList();

        await SendUntilAsync(hub, id, frames, () => zonesSeen.Any(z => z.Contains("lower")), "results with the first zones");
        Assert.Equal(HttpStatusCode.OK, (await client.PutCameraZonesAsync(id, UpperHalf)).StatusCode);
        await SendUntilAsync(hub, id, frames, () => zonesSeen.Any(z => z.SequenceEqual(["upper"])), "results with the edited zones");

        Assert.Equal("online", (await client.GetCameraAsync(id)).GetProperty("state").GetString());
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
        await SendUntilAsync(hub, id, frames, () => db.ZoneCounts.Any(c => c.VideoId == id && c.ZoneId == "upper"), "count rows of the edited zone");
    }

    /// <summary>Sends the sample frames at 10 fps, round and round, until <paramref name="done"/> holds (30 s at most).</summary>
    private static async Task SendUntilAsync(HubConnection hub, long id, List<string> frames, Func<bool> done, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        for (int i = 0; DateTime.UtcNow < deadline; i++)
        {
            if (done())
            {
                return;
            }

            await hub.InvokeAsync("Frame", id, frames[i % frames.Count], 0.0);
            await Task.Delay(100);
        }

        throw new TimeoutException("Timed out waiting for " + what);
    }
}
