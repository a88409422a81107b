using System.Text.RegularExpressions;
using CrowdPortal.Tests.Shared;
using Microsoft.Playwright;

namespace CrowdPortal.E2E.Tests;

/// <summary>
/// An IP camera run from the Cameras page in Chromium, against a stand-in camera (the sample video served live as MJPEG
/// by ffmpeg on loopback): added, started (its status turns online live, its CSV fills), stopped and deleted.
/// </summary>
public sealed class CameraJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly LocatorAssertionsToHaveTextOptions Live = new() { Timeout = 60_000 };

    [Fact]
    public async Task IpCamera_IsAddedStartedStoppedAndDeleted_FromTheCamerasPage()
    {
        using var camera = new LoopbackMjpegServer();
        camera.Start();
        var page = await fixture.NewPageAsync();
        var scriptErrors = PortalJourney.CollectScriptErrors(page);
        await PortalJourney.RegisterAsync(page, "cam" + Guid.NewGuid().ToString("N")[..6]);

        await page.GotoAsync("/Cameras");
        await page.Locator("#ip-name").FillAsync("Loading bay");
        await page.Locator("#ip-url").FillAsync(camera.Url);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add camera" }).ClickAsync();
        var row = page.Locator("#camera-list tbody tr", new() { HasText = "Loading bay" });
        var state = row.GetByTestId("camera-state");
        await Assertions.Expect(state).ToHaveTextAsync("offline");

        // Started: the status follows the camera without a reload.
        await row.GetByRole(AriaRole.Button, new() { Name = "Start" }).ClickAsync();
        await Assertions.Expect(state).ToHaveTextAsync("online", Live);
        await Assertions.Expect(row.Locator("[data-role=last-frame]")).Not.ToHaveTextAsync("never", Live);
        await Assertions.Expect(row.GetByRole(AriaRole.Button, new() { Name = "Stop" })).ToBeVisibleAsync();
        string id = (await row.GetAttributeAsync("data-camera-id"))!;

        // Its counts are stored: the CSV link gives rows of the whole frame within a few seconds.
        string csv = "";
        for (var deadline = DateTime.UtcNow.AddSeconds(60); !csv.Contains(",frame,", StringComparison.Ordinal) && DateTime.UtcNow < deadline;)
        {
            await page.WaitForTimeoutAsync(1000);
            csv = await (await page.APIRequest.GetAsync($"/api/v1/cameras/{id}/counts.csv")).TextAsync();
        }

        Assert.Contains(",frame,", csv, StringComparison.Ordinal);

        await row.GetByRole(AriaRole.Button, new() { Name = "Stop" }).ClickAsync();
        await Assertions.Expect(state).ToHaveTextAsync("offline", Live);
        await Assertions.Expect(row.GetByRole(AriaRole.Button, new() { Name = "Start" })).ToBeVisibleAsync();

        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByTestId("empty-cameras")).ToBeVisibleAsync();
        Assert.Empty(scriptErrors);
    }
}
