using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace CrowdPortal.E2E.Tests;

/// <summary>
/// The settings forms in a video's header, sent by the browser itself (no script): tiling, privacy (lowering it asks for
/// the confirmation) and footage retention, each kept after the page comes back.
/// </summary>
public sealed class VideoSettingsJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TilingPrivacyAndRetention_AreSavedFromTheHeaderForms()
    {
        var page = await fixture.NewPageAsync();
        await PortalJourney.RegisterAsync(page, "hdr" + Guid.NewGuid().ToString("N")[..6]);
        long videoId = await PortalJourney.UploadSampleAsync(page);
        await page.GotoAsync($"/Dashboard/{videoId}");

        await page.GetByTestId("tiling-mode").SelectOptionAsync("on");
        await SubmitAsync(page, "#tiling-form", "Set tiling", "/Tiling");
        await Assertions.Expect(page.GetByTestId("tiling-mode")).ToHaveValueAsync("on");
        Assert.Equal("on", (await VideoAsync(page, videoId)).GetProperty("tiling").GetString());

        await page.GetByTestId("privacy-level").SelectOptionAsync("blur");
        await SubmitAsync(page, "#privacy-form", "Set privacy", "/Privacy");
        await Assertions.Expect(page.GetByTestId("privacy-level")).ToHaveValueAsync("blur");
        Assert.Equal("blur", (await VideoAsync(page, videoId)).GetProperty("privacyLevel").GetString());

        // Lowering it shows people again: refused until the box is ticked.
        await page.GetByTestId("privacy-level").SelectOptionAsync("off");
        await SubmitAsync(page, "#privacy-form", "Set privacy", "/Privacy");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "tick the confirmation" })).ToBeVisibleAsync();
        Assert.Equal("blur", (await VideoAsync(page, videoId)).GetProperty("privacyLevel").GetString());
        await page.GetByTestId("privacy-level").SelectOptionAsync("off");
        await page.GetByLabel(new Regex("I confirm showing people again")).CheckAsync();
        await SubmitAsync(page, "#privacy-form", "Set privacy", "/Privacy");
        await Assertions.Expect(page.GetByTestId("privacy-level")).ToHaveValueAsync("off");
        Assert.Equal("off", (await VideoAsync(page, videoId)).GetProperty("privacyLevel").GetString());

        await page.GetByLabel("Delete the footage after analysis, keep the counts").CheckAsync();
        await SubmitAsync(page, "#retention-form", "Save", "/Retention");
        await Assertions.Expect(page.GetByLabel("Delete the footage after analysis, keep the counts")).ToBeCheckedAsync();
        Assert.True((await VideoAsync(page, videoId)).GetProperty("deleteFootageAfterAnalysis").GetBoolean());
    }

    /// <summary>Sends a header form with its button and checks the server took it: a redirect back to the dashboard, not a 400.</summary>
    private static async Task SubmitAsync(IPage page, string form, string button, string action)
    {
        var response = await page.RunAndWaitForResponseAsync(
            () => page.Locator(form).GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync(),
            // Its own POST: the page's SignalR connection also POSTs (negotiate, long polling).
            r => r.Request.Method == "POST" && r.Url.EndsWith(action, StringComparison.Ordinal));
        if (response.Status != 302)
        {
            Assert.Fail($"{form}: HTTP {response.Status} {await response.TextAsync()}");
        }

        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    private static async Task<JsonElement> VideoAsync(IPage page, long videoId) =>
        (await PortalJourney.GetJsonAsync(page, $"/api/v1/videos/{videoId}")).RootElement;
}
