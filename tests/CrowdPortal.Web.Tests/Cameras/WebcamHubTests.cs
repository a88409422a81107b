using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using CrowdPortal.Data;
using CrowdPortal.Tests.Shared;
using CrowdPortal.Web.Hubs;
using CrowdPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenCvSharp;

namespace CrowdPortal.Web.Tests.Cameras;

/// <summary>A webcam page's hub conversation, with real frames of the sample video sent as JPEG.</summary>
public sealed class WebcamHubTests(SqlitePortal portal) : IClassFixture<SqlitePortal>
{
    [Fact]
    public async Task PushedFrames_ComeBackWithBoxesAndZoneCounts_AndAreStoredLikeAVideo()
    {
        using var client = portal.Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long id = await client.AddWebcamAsync("Desk");
        await client.PutCameraZonesAsync(id, AnalysisHelpers.SampleZones);
        var clock = Stopwatch.StartNew();
        var results = new ConcurrentQueue<JsonElement>();
        await using var hub = Connect(client);
        hub.On<JsonElement>(nameof(IWebcamClient.Result), results.Enqueue);
        await hub.StartAsync();
        await hub.InvokeAsync("Start", id);

        // 5 s of the sample at 10 fps, resized to 640 px like the page's default.
        foreach (byte[] jpeg in SampleJpegs(50, 640))
        {
            await hub.InvokeAsync("Frame", id, Convert.ToBase64String(jpeg), clock.Elapsed.TotalMilliseconds);
            await Task.Delay(100);
        }

        await WaitUntilAsync(() => results.Count >= 10, "results");
        var withPeople = results.First(r => r.GetProperty("people").GetInt32() > 0 && r.GetProperty("tracks").GetArrayLength() > 0);
        Assert.InRange(withPeople.GetProperty("tracks")[0].GetProperty("x2").GetDouble(), 0, 1);
        var lower = withPeople.GetProperty("zones").EnumerateArray().Single(z => z.GetProperty("zoneId").GetString() == "lower");
        Assert.Equal("Lower half", lower.GetProperty("label").GetString());
        await WaitUntilAsync(async () => await CountRowsAsync(id) >= 3, "stored count rows");
        var camera = await client.GetCameraAsync(id);
        Assert.Equal("online", camera.GetProperty("state").GetString());
        foreach (string url in (string[])[$"/api/v1/cameras/{id}/frame.jpg", $"/api/v1/videos/{id}/frame.jpg?t=0"])
        {
            var frame = await client.Http.GetAsync(url);
            Assert.Equal(System.Net.HttpStatusCode.OK, frame.StatusCode);
            Assert.Equal("image/jpeg", frame.Content.Headers.ContentType?.MediaType);
        }

        await hub.StopAsync();
        await WaitUntilAsync(async () => (await client.GetCameraAsync(id)).GetProperty("state").GetString() == "offline", "going offline");
    }

    public static TheoryData<string, string> RefusedFrames => new()
    {
        { "empty", string.Empty },
        { "not base64", "@@not base64@@" },
        { "not a jpeg", Convert.ToBase64String("GIF89a this is not a jpeg"u8.ToArray()) },
    };

    [Theory]
    [MemberData(nameof(RefusedFrames))]
    public async Task Frame_ThatIsNotAJpeg_IsRefusedWithAReason(string label, string payload)
    {
        using var client = portal.Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long id = await client.AddWebcamAsync("Desk");
        await using var hub = Connect(client);
        await hub.StartAsync();
        await hub.InvokeAsync("Start", id);

        var error = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Frame", id, payload, 0.0));

        Assert.False(string.IsNullOrWhiteSpace(error.Message), label);
    }

    [Fact]
    public async Task AnotherUsersWebcam_CannotBeStartedOrFed()
    {
        using var owner = portal.Factory.CreatePortalClient();
        await owner.RegisterNewUserAsync();
        long webcam = await owner.AddWebcamAsync("Desk");
        long ip = await owner.AddIpCameraAsync("Gate", "rtsp://cam.local/live");
        using var other = portal.Factory.CreatePortalClient();
        await other.RegisterNewUserAsync();
        await using var hub = Connect(other);
        await hub.StartAsync();
        string jpeg = Convert.ToBase64String(SampleJpegs(1, 320).Single());

        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Start", webcam));
        await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync("Frame", webcam, jpeg, 0.0));
        await using var ownerHub = Connect(owner);
        await ownerHub.StartAsync();
        await Assert.ThrowsAsync<HubException>(() => ownerHub.InvokeAsync("Start", ip));
    }

    private HubConnection Connect(PortalClient client) => Connect(portal.Factory, client);

    /// <summary>A webcam hub connection of the signed-in <paramref name="client"/> to <paramref name="factory"/>'s app.</summary>
    internal static HubConnection Connect(PortalFactory factory, PortalClient client) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(factory.Server.BaseAddress, "/hubs/webcam"), o =>
            {
                o.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.LongPolling;
                o.Headers["Cookie"] = client.CookieHeader;
            })
            .Build();

    /// <summary>The first <paramref name="count"/> frames of the sample video as JPEGs <paramref name="width"/> px wide.</summary>
    internal static List<byte[]> SampleJpegs(int count, int width)
    {
        var jpegs = new List<byte[]>(count);
        using var capture = new VideoCapture(RepoPaths.SampleVideo);
        using var frame = new Mat();
        using var small = new Mat();
        while (jpegs.Count < count && capture.Read(frame) && !frame.Empty())
        {
            Cv2.Resize(frame, small, new Size(width, frame.Height * width / frame.Width));
            jpegs.Add(small.ImEncode(".jpg", [(int)ImwriteFlags.JpegQuality, 70]));
        }

        return jpegs;
    }

    private async Task<int> CountRowsAsync(long id)
    {
        using var scope = portal.Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>().ZoneCounts.CountAsync(c => c.VideoId == id && c.ZoneId == "lower");
    }

    private static Task WaitUntilAsync(Func<bool> condition, string what) => WaitUntilAsync(() => Task.FromResult(condition()), what);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("Timed out waiting for " + what);
    }
}
