using CrowdPortal.Tests.Shared;
using CrowdPortal.Web.Analysis;
using CrowdPortal.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdPortal.Web.Tests.Cameras;

/// <summary>
/// An upload analysed while a live camera runs takes its turns at the scheduler the cameras share (a session per core),
/// rather than adding sessions of its own, and the camera keeps being analysed meanwhile.
/// </summary>
public sealed class UploadBesideCamerasTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Upload_WhileACameraRuns_TakesATurnPerDetectedFrameAtTheSharedScheduler_AndTheCameraKeepsItsTurns()
    {
        using var stream = new LoopbackMjpegServer();
        stream.Start();
        var settings = new Dictionary<string, string?>(CameraStreamTests.FastReconnect) { ["Analysis:FrameStride"] = "10" };
        using var factory = new PortalFactory(TestDatabaseKind.Sqlite, settings);
        using var client = factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long camera = await client.AddIpCameraAsync("Beside the upload", stream.Url);
        await client.CameraActionAsync(camera, "start");
        await client.WaitForCameraAsync(camera, Patience, c => c.GetProperty("fps").GetDouble() > 0, "analysing");
        var scheduler = factory.Services.GetRequiredService<DetectorProvider>().CameraScheduler;
        long cameraTurnsBefore = scheduler.TurnsOf("camera " + camera);

        long video = await client.UploadSampleAsync();
        await client.SendWithTokenAsync(HttpMethod.Post, $"/api/v1/videos/{video}/analysis");
        var finished = await client.WaitForStatusAsync(video, Patience, "completed", "failed");

        Assert.Equal("completed", finished.GetProperty("status").GetString());
        Assert.Equal(795, finished.GetProperty("analysedFrames").GetInt32());
        Assert.Equal(80, scheduler.TurnsOf("upload " + video)); // every 10th of 795 frames: one turn each
        Assert.True(scheduler.TurnsOf("camera " + camera) > cameraTurnsBefore, "the camera must keep being analysed during the upload");
    }
}
