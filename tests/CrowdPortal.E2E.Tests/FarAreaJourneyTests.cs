using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace CrowdPortal.E2E.Tests;

/// <summary>
/// The far area in Chromium on a video's dashboard: drag it on the picture, see it kept after a reload, see the server's
/// reason for one too small, clear it.
/// </summary>
public sealed class FarAreaJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task DrawnFarArea_IsSavedNormalised_SurvivesAReload_AndIsCleared()
    {
        var page = await fixture.NewPageAsync();
        var scriptErrors = PortalJourney.CollectScriptErrors(page);
        await PortalJourney.RegisterAsync(page, "far" + Guid.NewGuid().ToString("N")[..6]);
        long videoId = await PortalJourney.UploadSampleAsync(page);
        await page.GotoAsync($"/Dashboard/{videoId}");
        var status = page.GetByTestId("far-area-status");
        await Assertions.Expect(status).ToHaveTextAsync("No far area.");
        await Assertions.Expect(page.GetByText("this area is also analysed enlarged; costs more CPU")).ToBeVisibleAsync();

        // The upper-lawn strip of vtest.avi, dragged from its bottom-right corner to its top-left.
        await DragAsync(page, (0.45, 0.33), (0.0, 0.08));
        await Assertions.Expect(status).ToHaveTextAsync(new Regex("^Far area saved"), new() { Timeout = PortalJourney.SaveTimeoutMs });
        Assert.Empty(scriptErrors);
        var stored = (await PortalJourney.GetJsonAsync(page, $"/api/v1/videos/{videoId}")).RootElement.GetProperty("farArea");
        Assert.InRange(stored.GetProperty("x").GetDouble(), 0, 0.01);
        Assert.InRange(stored.GetProperty("y").GetDouble(), 0.07, 0.09);
        Assert.InRange(stored.GetProperty("width").GetDouble(), 0.44, 0.46);
        Assert.InRange(stored.GetProperty("height").GetDouble(), 0.24, 0.26);
        await PortalJourney.ScreenshotAsync(page, "far-area");

        await page.ReloadAsync();
        await Assertions.Expect(status).ToHaveTextAsync("Far area: x 0–45 %, y 8–33 % of the picture.");
        await Assertions.Expect(page.Locator("#far-area-canvas")).ToHaveAttributeAsync("data-far-area", new Regex(@"^0(\.\d+)?,0\.0[789]\d*,0\.4[456]\d*,0\.2[456]\d*$"));

        // Too small: the server's sentence is shown and the saved area stays.
        await DragAsync(page, (0.5, 0.5), (0.52, 0.7));
        await Assertions.Expect(status).ToContainTextAsync("width must be between 0.05", new() { Timeout = PortalJourney.SaveTimeoutMs });
        Assert.Equal(JsonValueKind.Object, (await PortalJourney.GetJsonAsync(page, $"/api/v1/videos/{videoId}")).RootElement.GetProperty("farArea").ValueKind);

        await page.GetByRole(AriaRole.Button, new() { Name = "Clear far area" }).ClickAsync();
        await Assertions.Expect(status).ToHaveTextAsync(new Regex("^Far area cleared"), new() { Timeout = PortalJourney.SaveTimeoutMs });
        await page.ReloadAsync();
        await Assertions.Expect(status).ToHaveTextAsync("No far area.");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Clear far area" })).ToBeDisabledAsync();
        Assert.Equal(JsonValueKind.Null, (await PortalJourney.GetJsonAsync(page, $"/api/v1/videos/{videoId}")).RootElement.GetProperty("farArea").ValueKind);
        Assert.Empty(scriptErrors);
    }

    /// <summary>Turns on "Draw far area" and drags with the mouse between two normalised points of the picture.</summary>
    private static async Task DragAsync(IPage page, (double X, double Y) from, (double X, double Y) to)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Draw far area" }).ClickAsync();
        var (x1, y1) = await PortalJourney.CanvasPointAsync(page, from.X, from.Y);
        var (x2, y2) = await PortalJourney.CanvasPointAsync(page, to.X, to.Y);
        await page.Mouse.MoveAsync(x1, y1);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(x2, y2, new() { Steps = 8 });
        await page.Mouse.UpAsync();
    }
}
