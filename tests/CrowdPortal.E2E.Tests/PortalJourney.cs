using System.Text.Json;
using System.Text.RegularExpressions;
using CrowdPortal.Tests.Shared;
using Microsoft.Playwright;

namespace CrowdPortal.E2E.Tests;

/// <summary>
/// Steps the analysis journeys share, done the way a user does them: through the pages, with the mouse.
/// </summary>
internal static class PortalJourney
{
    public const string Password = "a long enough passphrase";

    public static async Task RegisterAsync(IPage page, string userName)
    {
        await page.GotoAsync("/Account/Register");
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await page.GetByLabel("Repeat password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        // Wait for what the user sees: their name in the header of "My uploads". Not the URL's "load" event, which also
        // waits for every script and style; and with time for a portal's first account on a busy machine (the first
        // sign-in compiles the account queries and pages; measured up to tens of seconds under load).
        await Assertions.Expect(page.GetByTestId("current-user")).ToHaveTextAsync(userName, new() { Timeout = FirstPageTimeoutMs });
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/Videos"));
    }

    /// <summary>How long a journey waits for a page that may be the portal's first of its kind (cold code paths).</summary>
    public const float FirstPageTimeoutMs = 90_000;

    /// <summary>
    /// How long a journey waits for a save to be confirmed: the page says "Saving…" until the server answers, which on
    /// a machine busy with other analyses took more than Playwright's default 5 s once.
    /// </summary>
    public const float SaveTimeoutMs = 30_000;

    /// <summary>Signs <paramref name="to"/>'s browser profile in as <paramref name="from"/>'s user, by copying its cookies.</summary>
    public static async Task CopySignInAsync(IPage from, IPage to) =>
        await to.Context.AddCookiesAsync((await from.Context.CookiesAsync()).Select(c => new Cookie
        {
            Name = c.Name,
            Value = c.Value,
            Domain = c.Domain,
            Path = c.Path,
            HttpOnly = c.HttpOnly,
            Secure = c.Secure,
            SameSite = c.SameSite,
        }));

    /// <summary>Uploads the sample video on "My uploads" and returns its id, read from the list row.</summary>
    public static async Task<long> UploadSampleAsync(IPage page)
    {
        await page.GetByLabel(new Regex("Video file")).SetInputFilesAsync(RepoPaths.SampleVideo);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        var row = page.Locator("#video-list tbody tr", new() { HasText = "vtest.avi" });
        await Assertions.Expect(row).ToBeVisibleAsync(new() { Timeout = 60_000 });
        return long.Parse(await row.GetAttributeAsync("data-video-id") ?? throw new InvalidOperationException("No video id on the row."),
            System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Where a normalised point of the picture is on the screen now. Scrolls the editor into view first: clicking a
    /// button elsewhere may have scrolled the page, and mouse clicks only land inside the viewport.
    /// </summary>
    public static async Task<(float X, float Y)> CanvasPointAsync(IPage page, double x, double y)
    {
        var canvas = page.Locator("#zone-canvas");
        await canvas.ScrollIntoViewIfNeededAsync();
        var box = await canvas.BoundingBoxAsync() ?? throw new InvalidOperationException("The zone canvas is not visible.");
        return (box.X + (float)(x * box.Width), box.Y + (float)(y * box.Height));
    }

    /// <summary>Clicks the given normalised points on the zone editor's canvas, then the first one again to close.</summary>
    public static async Task DrawPolygonAsync(IPage page, IReadOnlyList<(double X, double Y)> points)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Polygon", Exact = true }).ClickAsync();
        foreach (var (x, y) in points.Append(points[0]))
        {
            var (px, py) = await CanvasPointAsync(page, x, y);
            await page.Mouse.ClickAsync(px, py);
            // Two quick clicks on the same spot would be a double-click; real users pause between points too.
            await page.WaitForTimeoutAsync(150);
        }
    }

    /// <summary>
    /// Collects the page's script errors and CSP violations (which the console reports), so a test can show them
    /// when it fails and assert there were none.
    /// </summary>
    public static List<string> CollectScriptErrors(IPage page)
    {
        var errors = new List<string>();
        page.PageError += (_, message) => errors.Add("page error: " + message);
        page.Console += (_, message) =>
        {
            // A 404 answer (e.g. no tracks at a moment) is logged as "Failed to load resource"; that is not a script fault.
            if (message.Type == "error" && !message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal))
            {
                errors.Add("console: " + message.Text);
            }
        };
        return errors;
    }

    /// <summary>GETs <paramref name="url"/> with the page's sign-in (as its script would) and parses the 200 answer's JSON.</summary>
    public static async Task<JsonDocument> GetJsonAsync(IPage page, string url)
    {
        var response = await page.APIRequest.GetAsync(url);
        Assert.True(response.Status == 200, $"GET {url} answered {response.Status}.");
        return JsonDocument.Parse(await response.TextAsync());
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDir, name + ".png"), FullPage = true });
}
