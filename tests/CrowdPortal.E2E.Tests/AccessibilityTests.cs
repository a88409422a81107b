using System.Text.Json;
using System.Text.RegularExpressions;
using CrowdPortal.Tests.Shared;
using Microsoft.Playwright;

namespace CrowdPortal.E2E.Tests;

/// <summary>
/// axe-core (npm, the WCAG 2.1 A/AA rules) on every page of the portal, at a desktop (1280 px) and a phone (390 px)
/// width, as a new user sees them: nothing serious or critical. This class has its own portal, so its account is the
/// installation's administrator and the System page is checked too.
/// </summary>
public sealed class AccessibilityTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly string[] Widths = ["1280", "390"];

    /// <summary>axe-core's browser build, injected before each page's own scripts (as a DevTools script, so the CSP stays on).</summary>
    private static readonly Lazy<string> AxeSource = new(() =>
    {
        string path = Path.Combine(RepoPaths.Root, "node_modules", "axe-core", "axe.min.js");
        return File.Exists(path) ? File.ReadAllText(path) : throw new FileNotFoundException($"{path} missing: run npm ci (scripts/setup.sh does).");
    });

    [Fact]
    public async Task EveryPage_AtDesktopAndPhoneWidth_HasNoSeriousOrCriticalAxeViolation()
    {
        var setup = await fixture.NewPageAsync();
        await PortalJourney.RegisterAsync(setup, "a11y" + Guid.NewGuid().ToString("N")[..6]);
        long videoId = await PortalJourney.UploadSampleAsync(setup);
        await setup.GotoAsync("/Cameras");
        await setup.Locator("#ip-name").FillAsync("North gate");
        await setup.Locator("#ip-url").FillAsync("rtsp://10.1.2.3:554/stream1");
        await setup.GetByRole(AriaRole.Button, new() { Name = "Add camera" }).ClickAsync();
        await Assertions.Expect(setup.Locator("#camera-list")).ToContainTextAsync("North gate");
        await setup.Locator("#webcam-name").FillAsync("Desk");
        await setup.GetByRole(AriaRole.Button, new() { Name = "Add webcam" }).ClickAsync();
        await setup.WaitForURLAsync(new Regex("/Cameras/Webcam/[0-9]+$"));
        string webcamId = setup.Url[(setup.Url.LastIndexOf('/') + 1)..];

        string[] signedOut = ["/Account/Login", "/Account/Register"];
        string[] signedIn =
        [
            "/Videos", $"/Dashboard/{videoId}", $"/Graphs/{videoId}", "/Alerts", "/Cameras", "/Cameras/Wall",
            $"/Cameras/Webcam/{webcamId}", "/Settings", "/Settings/Notifications", "/Admin", "/Admin/MailServer", "/Dashboard/987654321",
        ];
        var problems = new List<string>();
        var scriptErrors = new List<List<string>>(); // one live list per browser page, filled as its pages run
        foreach (string width in Widths)
        {
            var anonymous = await NewAxePageAsync(int.Parse(width, System.Globalization.CultureInfo.InvariantCulture));
            scriptErrors.Add(PortalJourney.CollectScriptErrors(anonymous));
            foreach (string path in signedOut)
            {
                problems.AddRange(await CheckAsync(anonymous, path, width));
            }

            var user = await NewAxePageAsync(int.Parse(width, System.Globalization.CultureInfo.InvariantCulture));
            scriptErrors.Add(PortalJourney.CollectScriptErrors(user));
            await PortalJourney.CopySignInAsync(setup, user);
            foreach (string path in signedIn)
            {
                problems.AddRange(await CheckAsync(user, path, width));
            }
        }

        Assert.True(problems.Count == 0, "axe found:\n" + string.Join("\n", problems));
        // And every page's scripts ran without an error or a CSP violation (the console reports both).
        Assert.True(scriptErrors.All(e => e.Count == 0), "script errors:\n" + string.Join("\n", scriptErrors.SelectMany(e => e)));
    }

    private async Task<IPage> NewAxePageAsync(int width)
    {
        var page = await fixture.NewPageAsync(width, width < 600 ? 844 : 800);
        await page.Context.AddInitScriptAsync(AxeSource.Value);
        return page;
    }

    /// <summary>The serious and critical violations on one page, one line each (rule, what to fix, where), and any sideways scrolling.</summary>
    private static async Task<IEnumerable<string>> CheckAsync(IPage page, string path, string width)
    {
        await page.GotoAsync(path);
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        var result = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
              return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map(n => n.target.join(' ')).slice(0, 5) }));
            }
            """);
        var problems = result.EnumerateArray().Select(v =>
            $"{path} at {width} px: {v.GetProperty("impact").GetString()} {v.GetProperty("id").GetString()} — " +
            $"{v.GetProperty("help").GetString()} — {string.Join(", ", v.GetProperty("targets").EnumerateArray().Select(t => t.GetString()))}").ToList();

        // Reflow (WCAG 1.4.10): nothing makes the page scroll sideways; wide tables scroll inside their own box.
        int overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        if (overflow > 0)
        {
            problems.Add($"{path} at {width} px: the page is {overflow} px wider than the window");
        }

        return problems;
    }
}
