using System.Diagnostics;
using System.Text.RegularExpressions;
using CrowdPortal.Tests.Shared;
using Microsoft.Playwright;

namespace CrowdPortal.E2E.Tests;

/// <summary>
/// The webcam journey in Debian's Chromium with a fake camera that plays a few seconds of the sample video (a .y4m made
/// with ffmpeg): add a webcam, start it, see the server's counts and boxes on the page and on the live wall; and the
/// friendly message when the camera is denied.
/// </summary>
public sealed class WebcamJourneyTests(WebcamJourneyTests.FakeCameraBrowser fixture)
    : IClassFixture<WebcamJourneyTests.FakeCameraBrowser>
{
    private const string Zones = """
        [{"zoneId":"lower","label":"Lower half","kind":"polygon","points":[[0,0.5],[1,0.5],[1,1],[0,1]],"warning":1,"critical":3}]
        """;

    [Fact]
    public async Task Webcam_ShowsCountsFromTheServer_OnItsPageAndOnTheLiveWall()
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.Server.BaseUrl,
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Permissions = ["camera"],
        });
        var page = await context.NewPageAsync();
        var errors = PortalJourney.CollectScriptErrors(page);
        await PortalJourney.RegisterAsync(page, "webcam" + Guid.NewGuid().ToString("N")[..8]);

        await page.GotoAsync("/Cameras");
        await page.Locator("#webcam-name").FillAsync("Desk webcam");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add webcam" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Cameras/Webcam/\\d+"));
        long id = long.Parse(page.Url.Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
        int status = await page.EvaluateAsync<int>(
            """
            async ([id, zones]) => (await fetch('/api/v1/cameras/' + id + '/zones', {
                method: 'PUT', body: zones, headers: { 'Content-Type': 'application/json',
                'RequestVerificationToken': document.querySelector('meta[name="request-verification-token"]').content } })).status
            """, new object[] { id, Zones });
        Assert.Equal(200, status);

        await page.Locator("#webcam-rate").SelectOptionAsync("10");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start camera" }).ClickAsync();
        var lower = page.Locator("[data-testid=webcam-zone-count][data-zone=lower]");
        await Assertions.Expect(lower).ToContainTextAsync("Lower half", new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByTestId("webcam-people")).ToHaveTextAsync(new Regex("^\\d+$"));

        var wall = await context.NewPageAsync();
        await wall.GotoAsync("/Cameras/Wall");
        var tile = wall.Locator($"[data-testid=wall-tile][data-camera-id=\"{id}\"]");
        await Assertions.Expect(tile.Locator("[data-zone=lower]")).ToContainTextAsync(new Regex("\\d+ · (normal|warning|critical)"), new() { Timeout = 30_000 });
        await Assertions.Expect(tile.Locator("[data-role=state]")).ToHaveTextAsync("online", new() { Timeout = 30_000 });
        await PortalJourney.ScreenshotAsync(wall, "live-wall");

        // Results keep coming back while the camera runs (how fast is measured outside the tests, never asserted).
        // A function, not an expression: Playwright evaluates an expression with eval() on every poll, which the page's
        // CSP (no 'unsafe-eval') refuses once the first check was not already true.
        await page.WaitForFunctionAsync("() => window.CrowdPortalWebcam.results >= 10", null, new() { Timeout = 60_000 });
        await PortalJourney.ScreenshotAsync(page, "webcam");
        Assert.Empty(errors);
        await context.CloseAsync();
    }

    [Fact]
    public async Task DeniedCamera_ExplainsWhatToDo()
    {
        // No camera permission granted: Chromium answers getUserMedia with NotAllowedError, as when the user says no.
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = fixture.Server.BaseUrl });
        var page = await context.NewPageAsync();
        var errors = PortalJourney.CollectScriptErrors(page);
        await PortalJourney.RegisterAsync(page, "denied" + Guid.NewGuid().ToString("N")[..8]);
        await page.GotoAsync("/Cameras");
        await page.Locator("#webcam-name").FillAsync("Desk webcam");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add webcam" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/Cameras/Webcam/\\d+"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Start camera" }).ClickAsync();

        await Assertions.Expect(page.GetByTestId("webcam-message")).ToContainTextAsync("denied", new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Start camera" })).ToBeEnabledAsync();
        await PortalJourney.ScreenshotAsync(page, "webcam-denied");
        Assert.Empty(errors);
        await context.CloseAsync();
    }

    /// <summary>
    /// The portal plus a Chromium whose fake camera plays a .y4m of the sample video (4 s, made with ffmpeg into a
    /// temporary folder).
    /// </summary>
    public sealed class FakeCameraBrowser : IAsyncLifetime
    {
        private readonly string _dir = Directory.CreateTempSubdirectory("crowdportal-webcam-").FullName;
        private IPlaywright? _playwright;

        public PortalServer Server { get; } = new();

        public IBrowser Browser { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            string y4m = Path.Combine(_dir, "vtest.y4m");
            var ffmpeg = Process.Start(new ProcessStartInfo("ffmpeg")
            {
                ArgumentList = { "-hide_banner", "-loglevel", "error", "-nostdin", "-y", "-i", RepoPaths.SampleVideo, "-t", "4", "-pix_fmt", "yuv420p", y4m },
                UseShellExecute = false,
            }) ?? throw new InvalidOperationException("ffmpeg did not start");
            await ffmpeg.WaitForExitAsync();
            Assert.Equal(0, ffmpeg.ExitCode);

            await Server.InitializeAsync();
            _playwright = await Playwright.CreateAsync();
            Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = BrowserFixture.ChromiumPath,
                Headless = true,
                Args =
                [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--use-fake-device-for-media-stream", "--use-file-for-fake-video-capture=" + y4m,
                ],
            });
        }

        public async Task DisposeAsync()
        {
            if (Browser is not null)
            {
                await Browser.CloseAsync();
            }

            _playwright?.Dispose();
            await Server.DisposeAsync();
            Directory.Delete(_dir, recursive: true);
        }
    }
}
