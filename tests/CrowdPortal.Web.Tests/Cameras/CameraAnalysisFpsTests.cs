using System.Diagnostics;
using CrowdPortal.Tests.Shared;
using CrowdPortal.Web.Cameras;
using CrowdPortal.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace CrowdPortal.Web.Tests.Cameras;

/// <summary><c>Cameras:AnalysisFps</c> caps how often a live camera is analysed, against a real 10 fps loopback stream.</summary>
public sealed class CameraAnalysisFpsTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Camera_AnalysisFps2_IsAnalysedTwiceASecondNotAtTheStreamsTen()
    {
        const double cap = 2;
        using var stream = new LoopbackMjpegServer();
        stream.Start();
        var settings = new Dictionary<string, string?>(CameraStreamTests.FastReconnect) { ["Cameras:AnalysisFps"] = "2" };
        using var factory = new PortalFactory(TestDatabaseKind.Sqlite, settings);
        using var client = factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long id = await client.AddIpCameraAsync("Capped", stream.Url);
        await client.CameraActionAsync(id, "start");
        await client.WaitForCameraAsync(id, Patience, c => c.GetProperty("fps").GetDouble() > 0, "analysing");

        // Samples 1.5 s apart: at least 8 (12 s); on a loaded machine, while the last 8 average less than half the cap
        // (the camera falling behind), more of them, up to the patience.
        var samples = new List<double>();
        var watch = Stopwatch.StartNew();
        while (samples.Count < 8 || (Recent(samples).Average() < cap / 2 && watch.Elapsed < Patience))
        {
            await Task.Delay(1500);
            samples.Add((await client.GetCameraAsync(id)).GetProperty("fps").GetDouble());
        }

        output.WriteLine($"analysed fps every 1.5 s at a cap of {cap}: {string.Join(" ", samples)}");

        // The portal's fps counts the frames of the last 3 s: the window's edge can hold one frame more than the cap, and
        // the cap lets one late read be followed by a sooner one (it keeps a fixed schedule), so two frames of slack; the
        // API rounds fps to one decimal (8 frames in 3 s, 2.67, shows as 2.7), hence the 0.05. That bounds the mean. A
        // loaded machine can finish frames in bunches (read on time, detected late), so one window may hold more; never
        // the stream's 10 fps, which an uncapped camera gets: twice the cap bounds every sample.
        double slack = 2 / CameraLiveState.FpsWindow.TotalSeconds;
        Assert.InRange(samples.Average(), 0, cap + slack + 0.05);
        Assert.All(samples, fps => Assert.InRange(fps, 0, 2 * cap + slack + 0.05));
        Assert.True(Recent(samples).Average() >= cap / 2, $"mean {Recent(samples).Average():0.00} fps: the camera must still be analysed");
    }

    private static IEnumerable<double> Recent(List<double> samples) => samples.Skip(Math.Max(0, samples.Count - 8));
}
