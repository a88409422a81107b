using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace CrowdPortal.E2E.Tests;

/// <summary>The API reference page, reached from Settings, shows the API's operations under the portal's own CSP.</summary>
public sealed class ApiReferenceJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Settings_LinksToTheApiReference_WhichShowsTheOperations_WithoutScriptOrCspErrors()
    {
        var page = await fixture.NewPageAsync();
        await PortalJourney.RegisterAsync(page, "api" + Guid.NewGuid().ToString("N")[..6]);
        var errors = PortalJourney.CollectScriptErrors(page);
        await page.GotoAsync("/Settings");

        await page.GetByRole(AriaRole.Link, new() { Name = "API reference" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/api-reference/"));

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "CrowdPortal API" }).First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.GetByText("Upload a video (multipart form, field file)").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Installation health for the administrator").First).ToBeVisibleAsync();
        await PortalJourney.ScreenshotAsync(page, "api-reference");
        // Swagger UI sets one inline style that the CSP blocks (the page looks right without it); scripts and every
        // other resource must load with the CSP as it is.
        var faults = errors.Where(e => !e.Contains("Applying inline style violates", StringComparison.Ordinal)).ToList();
        Assert.True(faults.Count == 0, string.Join("\n", faults));
        var response = await page.GotoAsync("/api-reference/index.html");
        Assert.Contains("script-src 'self'", await response!.HeaderValueAsync("content-security-policy") ?? string.Empty, StringComparison.Ordinal);
    }
}
