using System.Text.RegularExpressions;
using CrowdPortal.Tests.Shared;
using Microsoft.Playwright;

namespace CrowdPortal.E2E.Tests;

/// <summary>A user's first steps through the real pages in Chromium: register, sign in, upload, see, delete.</summary>
public sealed class UploadJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task RegisterUploadListDelete_AndASecondUserNeverSeesTheVideo()
    {
        var page = await fixture.NewPageAsync();
        string alice = "alice" + Guid.NewGuid().ToString("N")[..6];
        await PortalJourney.RegisterAsync(page, alice);

        // Sign out and back in through the login form.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync(new() { Timeout = PortalJourney.FirstPageTimeoutMs });
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));
        await page.GetByLabel("User name").FillAsync(alice);
        await page.GetByLabel("Password").FillAsync(PortalJourney.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("current-user")).ToHaveTextAsync(alice, new() { Timeout = PortalJourney.FirstPageTimeoutMs });
        await Assertions.Expect(page.GetByTestId("empty-uploads")).ToBeVisibleAsync();

        // Upload the real sample video; the progress bar appears and reaches the end.
        await page.GetByLabel(new Regex("Video file")).SetInputFilesAsync(RepoPaths.SampleVideo);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await Assertions.Expect(page.Locator("#upload-progress-area")).ToBeVisibleAsync();
        var row = page.Locator("#video-list tbody tr", new() { HasText = "vtest.avi" });
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await Assertions.Expect(row.Locator("[data-col=duration]")).ToHaveTextAsync("1:19");
        await Assertions.Expect(row.Locator("[data-col=resolution]")).ToHaveTextAsync("768×576");
        await Assertions.Expect(row.Locator("[data-col=size]")).ToHaveTextAsync("7.8 MiB");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "uploads-desktop.png"), FullPage = true });

        // A second user, in another browser profile, sees an empty list.
        var other = await fixture.NewPageAsync(390, 844);
        await PortalJourney.RegisterAsync(other, "bob" + Guid.NewGuid().ToString("N")[..6]);
        await Assertions.Expect(other.GetByTestId("empty-uploads")).ToBeVisibleAsync();
        await Assertions.Expect(other.GetByText("vtest.avi")).ToHaveCountAsync(0);
        await other.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, "uploads-phone-empty.png"), FullPage = true });

        // Delete (confirming the dialog): the list is empty again.
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Delete vtest.avi" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("empty-uploads")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task BeforeThePageScriptHasLoaded_UploadAndAddCameraCannotBeSent()
    {
        // On a slow connection the buttons are on screen before the scripts that send their forms through the API. A
        // click then must do nothing: a browser-sent upload would be refused for its missing token, and a browser-sent
        // camera form would be a GET carrying the stream password in the address.
        var page = await fixture.NewPageAsync();
        await PortalJourney.RegisterAsync(page, "slow" + Guid.NewGuid().ToString("N")[..6]);
        await page.RouteAsync(new Regex("/js/(uploads|cameras)\\.js"), route => route.AbortAsync());

        await page.GotoAsync("/Videos");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Upload" })).ToBeDisabledAsync();
        await page.GotoAsync("/Cameras");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add camera" })).ToBeDisabledAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add webcam" })).ToBeDisabledAsync();
        Assert.Equal("post", await page.Locator("#add-ip-camera").EvaluateAsync<string>("f => f.method"));

        // Once the scripts run, the buttons work.
        await page.UnrouteAllAsync();
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add camera" })).ToBeEnabledAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add webcam" })).ToBeEnabledAsync();
        await page.GotoAsync("/Videos");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Upload" })).ToBeEnabledAsync();
    }

    [Fact]
    public async Task UploadingATextFile_ShowsWhyItWasRefused()
    {
        var page = await fixture.NewPageAsync();
        await PortalJourney.RegisterAsync(page, "carol" + Guid.NewGuid().ToString("N")[..6]);
        string fake = Path.Combine(Path.GetTempPath(), "not-a-video-" + Guid.NewGuid().ToString("N")[..6] + ".mp4");
        await File.WriteAllTextAsync(fake, "just text");

        await page.GetByLabel(new Regex("Video file")).SetInputFilesAsync(fake);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();

        await Assertions.Expect(page.Locator("#upload-error")).ToContainTextAsync("could not decode this file as a video");
        await Assertions.Expect(page.GetByTestId("empty-uploads")).ToBeVisibleAsync();
        File.Delete(fake);
    }
}
