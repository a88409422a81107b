using System.Net;
using System.Net.Http.Json;
using CrowdPortal.Core.Zones;
using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using CrowdPortal.Tests.Shared;
using CrowdPortal.Web.Cameras;
using CrowdPortal.Web.Services;
using CrowdPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrowdPortal.Web.Tests.Cameras;

/// <summary>
/// Zone and privacy edits reach a running camera by a notification (in this process in the single-process portal), not
/// by waiting for the periodic re-read, which stays as the fallback for a notification that was lost.
/// </summary>
public sealed class CameraChangeTests
{
    private const string UpperHalf = """
        [{"zoneId":"upper","label":"Upper half","kind":"polygon","points":[[0,0],[1,0],[1,0.5],[0,0.5]]}]
        """;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task PrivacyChange_DropsTheCamerasPictureAtOnce_AndWakesOnlyThatCamerasWatchers()
    {
        var runtime = new CameraRuntime(TimeProvider.System);
        var state = runtime.For(1);
        state.SetLatestJpeg([1, 2, 3], PrivacyLevel.Off);
        var changes = new LocalCameraChanges(runtime, NullLogger<LocalCameraChanges>.Instance);
        var first = new List<CameraChange>();
        var second = new List<CameraChange>();
        var watchFirst = changes.Watch(1, first.Add);
        using var watchSecond = changes.Watch(2, second.Add);

        await changes.PublishAsync(CameraChange.PrivacyOf(1, PrivacyLevel.Blur));

        Assert.Equal(PrivacyLevel.Blur, state.Privacy);
        Assert.Null(state.LatestJpeg);
        Assert.Equal(CameraChange.PrivacyOf(1, PrivacyLevel.Blur), Assert.Single(first));
        Assert.Empty(second);

        watchFirst.Dispose();
        await changes.PublishAsync(CameraChange.ZonesOf(1));
        Assert.Single(first);
    }

    [Fact]
    public async Task ZonesAndPrivacyEditedThroughTheApi_ReachTheRunningCamera_WithoutWaitingForTheReRead()
    {
        using var stream = new LoopbackMjpegServer();
        stream.Start();
        // The fallback re-read once an hour: whatever the camera picks up within the test came by the notification.
        var settings = new Dictionary<string, string?>(CameraStreamTests.FastReconnect) { ["Cameras:ZoneCheckSeconds"] = "3600" };
        using var factory = new PortalFactory(TestDatabaseKind.Sqlite, settings);
        using var client = factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long id = await client.AddIpCameraAsync("Loopback", stream.Url);
        Assert.Equal(HttpStatusCode.OK, (await client.PutCameraZonesAsync(id, AnalysisHelpers.SampleZones)).StatusCode);
        await client.CameraActionAsync(id, "start");
        await WaitForRowsAsync(factory, id, "lower");
        await client.WaitForCameraAsync(id, Patience, c => c.GetProperty("state").GetString() == "online", "going online");
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync($"/api/v1/cameras/{id}/frame.jpg")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await client.PutCameraZonesAsync(id, UpperHalf)).StatusCode);
        await WaitForRowsAsync(factory, id, "upper");

        Assert.Equal(HttpStatusCode.OK, (await SetPrivacyAsync(client, id, "counts-only")).StatusCode);
        // At once: the picture of people is gone; the clean plate takes several samples to make.
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync($"/api/v1/cameras/{id}/frame.jpg")).StatusCode);
        Assert.Equal(PrivacyLevel.CountsOnly, factory.Services.GetRequiredService<CameraRuntime>().Find(id)!.Privacy);
        Assert.Equal("online", (await client.GetCameraAsync(id)).GetProperty("state").GetString());
        await client.CameraActionAsync(id, "stop");
    }

    [Fact]
    public async Task ZonesChangedWithoutANotification_ReachTheRunningCamera_AtTheFallbackReRead()
    {
        using var stream = new LoopbackMjpegServer();
        stream.Start();
        using var factory = new PortalFactory(TestDatabaseKind.Sqlite, CameraStreamTests.FastReconnect); // re-read every second
        using var client = factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long id = await client.AddIpCameraAsync("Loopback", stream.Url);
        Assert.Equal(HttpStatusCode.OK, (await client.PutCameraZonesAsync(id, AnalysisHelpers.SampleZones)).StatusCode);
        await client.CameraActionAsync(id, "start");
        await WaitForRowsAsync(factory, id, "lower");

        // As if the notification were lost (Redis away in cluster mode): the zones change in the database only.
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
            string owner = await db.Videos.Where(v => v.Id == id).Select(v => v.UserId).SingleAsync();
            var zones = ZoneSetJson.Parse(UpperHalf);
            Assert.True(zones.IsValid);
            Assert.True(await new ZoneService(db, new LostNotifications()).ReplaceAsync(owner, id, zones.ZoneSet, CancellationToken.None));
        }

        await WaitForRowsAsync(factory, id, "upper");
        await client.CameraActionAsync(id, "stop");
    }

    private static async Task<HttpResponseMessage> SetPrivacyAsync(PortalClient client, long id, string level)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/cameras/{id}/privacy") { Content = JsonContent.Create(new { level }) };
        request.Headers.Add("RequestVerificationToken", await client.GetAntiforgeryTokenAsync("/Videos"));
        return await client.Http.SendAsync(request);
    }

    private static async Task WaitForRowsAsync(PortalFactory factory, long id, string zone)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < deadline)
        {
            using (var scope = factory.Services.CreateScope())
            {
                if (await scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>().ZoneCounts.AnyAsync(c => c.VideoId == id && c.ZoneId == zone))
                {
                    return;
                }
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Camera {id}: no count rows for zone '{zone}' within {Patience}.");
    }

    /// <summary>Notifications that never arrive.</summary>
    private sealed class LostNotifications() : CameraChanges(new CameraRuntime(TimeProvider.System), NullLogger.Instance)
    {
        public override Task PublishAsync(CameraChange change) => Task.CompletedTask;
    }
}
