using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace CrowdPortal.E2E.Tests;

/// <summary>
/// The operator's main journey through real pages in Chromium against the real app: draw a zone with the mouse, save
/// it, analyse the sample video while watching it live, then read the graphs, the alerts and the CSV.
/// </summary>
public sealed class AnalysisJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private readonly BrowserFixture _fixture = fixture;

    /// <summary>Most of the lower half of the frame, where vtest.avi's pedestrians walk.</summary>
    private static readonly (double X, double Y)[] LowerHalf = [(0.03, 0.45), (0.97, 0.45), (0.97, 0.97), (0.03, 0.97)];

    [Fact]
    public async Task DrawnZone_IsSavedNormalised_AndSurvivesAReload()
    {
        var page = await _fixture.NewPageAsync();
        var scriptErrors = PortalJourney.CollectScriptErrors(page);
        await PortalJourney.RegisterAsync(page, "zed" + Guid.NewGuid().ToString("N")[..6]);
        long videoId = await PortalJourney.UploadSampleAsync(page);

        await page.GetByRole(AriaRole.Link, new() { Name = "Open vtest.avi" }).ClickAsync();
        await page.WaitForURLAsync(new Regex($"/Dashboard/{videoId}$"));
        await Assertions.Expect(page.Locator("#zones-empty")).ToBeVisibleAsync();

        await PortalJourney.DrawPolygonAsync(page, LowerHalf);
        var zone = page.GetByTestId("zone-item");
        Assert.Empty(scriptErrors);
        await Assertions.Expect(zone).ToHaveCountAsync(1);
        await zone.GetByLabel("Label").FillAsync("Lower half");
        await zone.GetByLabel(new Regex("^Warning at")).FillAsync("1");
        await zone.GetByLabel(new Regex("^Critical at")).FillAsync("3");
        await Assertions.Expect(page.Locator("#zones-dirty")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save zones" }).ClickAsync();
        await Assertions.Expect(page.Locator("#zones-status")).ToHaveTextAsync("Zones saved.", new() { Timeout = PortalJourney.SaveTimeoutMs });
        await Assertions.Expect(page.Locator("#zones-dirty")).ToBeHiddenAsync();

        await page.ReloadAsync();
        await Assertions.Expect(zone).ToHaveCountAsync(1);
        await Assertions.Expect(zone.GetByLabel("Label")).ToHaveValueAsync("Lower half");
        await Assertions.Expect(zone.Locator("[data-role=zone-id]")).ToHaveTextAsync("lower-half");
        await Assertions.Expect(zone.GetByLabel(new Regex("^Warning at"))).ToHaveValueAsync("1");
        await Assertions.Expect(zone.GetByLabel(new Regex("^Critical at"))).ToHaveValueAsync("3");

        // The stored points are the clicked ones, normalised to the picture (0..1), not canvas pixels.
        var zones = await PortalJourney.GetJsonAsync(page, $"/api/v1/videos/{videoId}/zones");
        var points = zones.RootElement[0].GetProperty("points");
        Assert.Equal(4, points.GetArrayLength());
        for (int i = 0; i < LowerHalf.Length; i++)
        {
            Assert.InRange(points[i][0].GetDouble(), LowerHalf[i].X - 0.01, LowerHalf[i].X + 0.01);
            Assert.InRange(points[i][1].GetDouble(), LowerHalf[i].Y - 0.01, LowerHalf[i].Y + 0.01);
        }

        // A zone the server refuses shows its reason next to the form: a 2-point "polygon" cannot be saved.
        await page.Locator("#import-zones").SetInputFilesAsync(new FilePayload
        {
            Name = "bad-zones.json",
            MimeType = "application/json",
            Buffer = System.Text.Encoding.UTF8.GetBytes("""[{"zoneId":"bad","label":"Bad","points":[[0.1,0.1],[0.2,0.2]]}]"""),
        });
        await Assertions.Expect(page.Locator("#zones-errors")).ToContainTextAsync("bad");
        await Assertions.Expect(zone.GetByLabel("Label")).ToHaveValueAsync("Lower half");

        // Before any analysis the Graphs page says what to do instead of drawing empty axes.
        await page.GetByRole(AriaRole.Link, new() { Name = "Graphs", Exact = true }).First.ClickAsync();
        await Assertions.Expect(page.GetByTestId("graphs-empty")).ToContainTextAsync("press Analyse");
        await Assertions.Expect(page.Locator("#graphs-content")).ToBeHiddenAsync();
        await PortalJourney.ScreenshotAsync(page, "graphs-empty-desktop");
        Assert.Empty(scriptErrors);
    }

    [Fact]
    public async Task ZoneEditorTools_LineMaskDragDeleteAndExport()
    {
        var page = await _fixture.NewPageAsync();
        var scriptErrors = PortalJourney.CollectScriptErrors(page);
        await PortalJourney.RegisterAsync(page, "tools" + Guid.NewGuid().ToString("N")[..6]);
        long videoId = await PortalJourney.UploadSampleAsync(page);
        await page.GotoAsync($"/Dashboard/{videoId}");
        await PortalJourney.DrawPolygonAsync(page, LowerHalf);

        // Line: two clicks. Mask: three clicks, closed with Enter.
        await page.GetByRole(AriaRole.Button, new() { Name = "Line", Exact = true }).ClickAsync();
        foreach (var (x, y) in new[] { (0.1, 0.2), (0.5, 0.2) })
        {
            var p = await PortalJourney.CanvasPointAsync(page, x, y);
            await page.Mouse.ClickAsync(p.X, p.Y);
            await page.WaitForTimeoutAsync(150);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Mask", Exact = true }).ClickAsync();
        foreach (var (x, y) in new[] { (0.7, 0.05), (0.95, 0.05), (0.95, 0.3) })
        {
            var p = await PortalJourney.CanvasPointAsync(page, x, y);
            await page.Mouse.ClickAsync(p.X, p.Y);
            await page.WaitForTimeoutAsync(150);
        }

        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("zone-item")).ToHaveCountAsync(3);

        // Drag the polygon's top-right point up and left, then delete it with the Delete key.
        var from = await PortalJourney.CanvasPointAsync(page, LowerHalf[1].X, LowerHalf[1].Y);
        var to = await PortalJourney.CanvasPointAsync(page, 0.9, 0.35);
        await page.Mouse.MoveAsync(from.X, from.Y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(to.X, to.Y, new() { Steps = 5 });
        await page.Mouse.UpAsync();
        await Assertions.Expect(page.Locator("#delete-point")).ToBeEnabledAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save zones" }).ClickAsync();
        await Assertions.Expect(page.Locator("#zones-status")).ToHaveTextAsync("Zones saved.", new() { Timeout = PortalJourney.SaveTimeoutMs });
        var saved = await PortalJourney.GetJsonAsync(page, $"/api/v1/videos/{videoId}/zones");
        var dragged = saved.RootElement[0].GetProperty("points")[1];
        Assert.InRange(dragged[0].GetDouble(), 0.89, 0.91);
        Assert.InRange(dragged[1].GetDouble(), 0.34, 0.36);
        Assert.Equal(["polygon", "line", "mask"], saved.RootElement.EnumerateArray().Select(z => z.GetProperty("kind").GetString()));

        to = await PortalJourney.CanvasPointAsync(page, 0.9, 0.35);
        await page.Mouse.ClickAsync(to.X, to.Y); // select the point again (saving reloads the zones)
        await page.Keyboard.PressAsync("Delete");
        await Assertions.Expect(page.GetByTestId("zone-item").First).ToContainTextAsync("3 points");

        // Export writes what the editor holds (not yet saved): the three zones, the polygon now with three points.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Export JSON" }).ClickAsync());
        Assert.Equal($"zones-video-{videoId}.json", download.SuggestedFilename);
        using var exported = JsonDocument.Parse(await File.ReadAllTextAsync((await download.PathAsync())!));
        Assert.Equal(3, exported.RootElement.GetArrayLength());
        Assert.Equal(3, exported.RootElement[0].GetProperty("points").GetArrayLength());
        Assert.Equal(["zone-1", "line-1", "mask-1"], exported.RootElement.EnumerateArray().Select(z => z.GetProperty("zoneId").GetString()));
        Assert.Empty(scriptErrors);
    }

    [Fact]
    public async Task ZonesDrawnWhileTheSavedOnesLoad_AreNotLost()
    {
        // On a slow connection the picture is up before the saved zones have arrived; loading them replaces the editor's
        // zones, so the tools must wait for them rather than let a drawing be wiped.
        var page = await _fixture.NewPageAsync();
        await PortalJourney.RegisterAsync(page, "slowz" + Guid.NewGuid().ToString("N")[..6]);
        long videoId = await PortalJourney.UploadSampleAsync(page);
        await page.RouteAsync($"**/api/v1/videos/{videoId}/zones", async route =>
        {
            if (route.Request.Method == "GET")
            {
                await Task.Delay(TimeSpan.FromSeconds(3));
            }

            await route.ContinueAsync();
        });

        await page.GotoAsync($"/Dashboard/{videoId}");
        var polygon = page.GetByRole(AriaRole.Button, new() { Name = "Polygon", Exact = true });
        await Assertions.Expect(polygon).ToBeDisabledAsync();
        await page.Locator("#zone-canvas").PressAsync("p"); // its keyboard shortcut waits as well
        await Assertions.Expect(polygon).ToHaveAttributeAsync("aria-pressed", "false");
        await PortalJourney.DrawPolygonAsync(page, LowerHalf);
        await Assertions.Expect(page.GetByTestId("zone-item")).ToHaveCountAsync(1);
        await page.WaitForTimeoutAsync(4000); // past the slow answer, had it come after the drawing
        await Assertions.Expect(page.GetByTestId("zone-item")).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save zones" }).ClickAsync();
        await Assertions.Expect(page.Locator("#zones-status")).ToHaveTextAsync("Zones saved.", new() { Timeout = PortalJourney.SaveTimeoutMs });
        await Assertions.Expect(page.GetByTestId("zone-item")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task AnotherUsersVideo_PagesAnswerNotFound()
    {
        var owner = await _fixture.NewPageAsync();
        await PortalJourney.RegisterAsync(owner, "own" + Guid.NewGuid().ToString("N")[..6]);
        long videoId = await PortalJourney.UploadSampleAsync(owner);

        var other = await _fixture.NewPageAsync();
        await PortalJourney.RegisterAsync(other, "oth" + Guid.NewGuid().ToString("N")[..6]);
        foreach (string url in new[] { $"/Dashboard/{videoId}", $"/Graphs/{videoId}" })
        {
            var response = await other.GotoAsync(url);
            Assert.Equal(404, response!.Status);
            await Assertions.Expect(other.GetByText("vtest.avi")).ToHaveCountAsync(0);
        }

        // The Alerts page ignores a video filter that is not the user's own.
        await other.GotoAsync($"/Alerts?videoId={videoId}");
        await Assertions.Expect(other.GetByTestId("alerts-no-videos")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task WithoutSignalR_PollingFollowsTheAnalysis_AndCancelStopsIt()
    {
        var page = await _fixture.NewPageAsync();
        var scriptErrors = PortalJourney.CollectScriptErrors(page);
        await PortalJourney.RegisterAsync(page, "poll" + Guid.NewGuid().ToString("N")[..6]);
        long videoId = await PortalJourney.UploadSampleAsync(page);

        // A proxy that drops WebSockets and long polling looks like this to the page: the hub cannot be reached.
        await page.RouteAsync("**/hubs/**", route => route.AbortAsync());
        await page.GotoAsync($"/Dashboard/{videoId}");
        await Assertions.Expect(page.Locator("#live-state")).ToContainTextAsync("every 2 s");
        await Assertions.Expect(page.Locator("#counts-empty")).ToContainTextAsync("press Analyse");

        await page.GetByRole(AriaRole.Button, new() { Name = "Analyse" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("status-badge")).ToHaveTextAsync(new Regex("Queued|Analysing"));
        await Assertions.Expect(page.GetByTestId("status-badge")).ToHaveTextAsync("Analysing", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#analysis-progress-bar")).Not.ToHaveTextAsync("0 %", new() { Timeout = 30_000 });

        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("status-badge")).ToHaveTextAsync("Cancelled", new() { Timeout = 15_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Re-run analysis" })).ToBeEnabledAsync();
        Assert.Empty(scriptErrors);
    }

    [Fact]
    public async Task AnalyseLive_ThenGraphsAlertsAndCsvShowTheZone()
    {
        var page = await _fixture.NewPageAsync();
        var scriptErrors = PortalJourney.CollectScriptErrors(page);
        await PortalJourney.RegisterAsync(page, "op" + Guid.NewGuid().ToString("N")[..6]);
        long videoId = await PortalJourney.UploadSampleAsync(page);
        await page.GotoAsync($"/Dashboard/{videoId}");

        await PortalJourney.DrawPolygonAsync(page, LowerHalf);
        var zone = page.GetByTestId("zone-item");
        await zone.GetByLabel("Label").FillAsync("Lower half");
        await zone.GetByLabel(new Regex("^Warning at")).FillAsync("1");
        await zone.GetByLabel(new Regex("^Critical at")).FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save zones" }).ClickAsync();
        await Assertions.Expect(page.Locator("#zones-status")).ToHaveTextAsync("Zones saved.", new() { Timeout = PortalJourney.SaveTimeoutMs });

        // Analyse: the live view fills the zone's card while the progress bar runs to the end.
        var card = page.Locator("[data-testid=zone-card][data-zone-id=lower-half]");
        await Assertions.Expect(card).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Analyse" }).ClickAsync();
        await Assertions.Expect(page.Locator("#analysis-progress-area")).ToBeVisibleAsync();

        // My uploads, opened in another tab while the analysis runs, follows it to the end without a reload.
        var uploads = await page.Context.NewPageAsync();
        await uploads.GotoAsync("/Videos");
        await uploads.EvaluateAsync("() => { window.loadedOnce = true; }");
        var uploadRow = uploads.Locator($"#video-list tr[data-video-id='{videoId}']");
        await Assertions.Expect(uploadRow.Locator("[data-role=status-badge]")).ToHaveTextAsync(new Regex("^(Queued|Analysing)$"));
        await Assertions.Expect(uploadRow.Locator("[data-role=progress]")).ToBeVisibleAsync();

        await Assertions.Expect(card.Locator("[data-role=current]")).ToHaveTextAsync(new Regex(@"^\d+$"), new() { Timeout = 60_000 });

        // Meanwhile, in another tab, the Graphs page's line chart grows from the live samples.
        var graphs = await page.Context.NewPageAsync();
        var graphErrors = PortalJourney.CollectScriptErrors(graphs);
        await graphs.GotoAsync($"/Graphs/{videoId}");
        await graphs.WaitForLoadStateAsync(LoadState.NetworkIdle);
        const string ZonePoints =
            "() => { const c = Chart.getChart(document.getElementById('line-chart')); const d = c && c.data.datasets.find(s => s.zoneId === 'lower-half'); return d ? d.data.length : 0; }";
        int pointsAtLoad = await graphs.EvaluateAsync<int>(ZonePoints);
        // New points while the badge still says "Analysing": they came from the live samples, not a reload at the end.
        await graphs.WaitForFunctionAsync(
            $"() => ({ZonePoints})() > {pointsAtLoad} && document.getElementById('status-badge').textContent === 'Analysing'",
            null, new() { Timeout = 120_000, PollingInterval = 200 });
        Assert.Empty(graphErrors);
        await PortalJourney.ScreenshotAsync(graphs, "graphs-live-desktop");
        await graphs.CloseAsync();
        await PortalJourney.ScreenshotAsync(page, "dashboard-live-desktop");
        await Assertions.Expect(page.GetByTestId("status-badge")).ToHaveTextAsync("Analysed", new() { Timeout = 240_000 });
        await Assertions.Expect(page.Locator("#analysis-progress-bar")).ToHaveTextAsync("100 %");
        await Assertions.Expect(uploadRow.Locator("[data-role=status-badge]")).ToHaveTextAsync("Analysed", new() { Timeout = 10_000 });
        await Assertions.Expect(uploadRow.Locator("[data-role=progress]")).ToBeHiddenAsync();
        Assert.True(await uploads.EvaluateAsync<bool>("() => window.loadedOnce === true"), "My uploads was reloaded instead of updated in place");
        await uploads.CloseAsync();

        // With a 1-person warning, vtest.avi's walkers raise at least one alert, shown live as a toast.
        await Assertions.Expect(page.Locator("#toast-container")).ToHaveAttributeAsync("data-toasts", new Regex("^[1-9]"));
        await Assertions.Expect(card.Locator("[data-role=detail]")).ToContainTextAsync(new Regex(@"Peak [1-9]"));
        await page.Locator("#heatmap-toggle").CheckAsync();
        await Assertions.Expect(page.Locator("#stage-image")).ToHaveAttributeAsync("src", new Regex("heatmap\\.png$"));
        await PortalJourney.ScreenshotAsync(page, "dashboard-heatmap-desktop");
        await page.Locator("#heatmap-toggle").UncheckAsync();

        // Replay: a moment in the middle shows that moment's tracked people as boxes, and its counts.
        await page.Locator("#time-slider").FillAsync("30");
        await Assertions.Expect(page.Locator("#counts-time")).ToContainTextAsync("At 0:30");
        await Assertions.Expect(page.Locator("#stage-image")).ToHaveAttributeAsync("src", new Regex("frame\\.jpg\\?t=30\\.00$"));
        await Assertions.Expect(page.Locator("#people-canvas")).ToHaveAttributeAsync("data-boxes", new Regex("^[1-9]"));
        await PortalJourney.ScreenshotAsync(page, "dashboard-desktop");

        // The CSV has the documented header and rows for the zone.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download CSV" }).ClickAsync());
        string csvPath = Path.Combine(Path.GetTempPath(), "crowdportal-e2e-" + Guid.NewGuid().ToString("N")[..6] + ".csv");
        await download.SaveAsAsync(csvPath);
        string[] lines = await File.ReadAllLinesAsync(csvPath);
        File.Delete(csvPath);
        Assert.Equal("time_s,zone_id,label,current,peak,entries,exits,density,level", lines[0]);
        Assert.Contains(lines, l => l.Contains(",lower-half,", StringComparison.Ordinal));

        // Graphs: one line per zone (plus the whole frame), with data.
        await page.GetByRole(AriaRole.Link, new() { Name = "Graphs", Exact = true }).First.ClickAsync();
        await page.WaitForURLAsync(new Regex($"/Graphs/{videoId}$"));
        await Assertions.Expect(page.Locator("#graphs-content")).ToBeVisibleAsync();
        int points = await page.EvaluateAsync<int>(
            "() => { const c = Chart.getChart(document.getElementById('line-chart')); const d = c.data.datasets.find(s => s.zoneId === 'lower-half'); return d ? d.data.length : 0; }");
        Assert.True(points > 10, $"The line chart has {points} points for the zone.");
        await PortalJourney.ScreenshotAsync(page, "graphs-desktop");

        // Filters: a time range refetches only that stretch; unticking a zone removes its line.
        await page.GetByLabel("From (seconds)").FillAsync("10");
        await page.GetByLabel("To (seconds)").FillAsync("20");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await page.WaitForFunctionAsync(
            "() => { const d = Chart.getChart(document.getElementById('line-chart')).data.datasets.find(s => s.zoneId === 'lower-half'); return d && d.data.length > 0 && d.data.every(p => p.x >= 10 && p.x <= 20); }");
        await page.GetByLabel("Whole frame").UncheckAsync();
        Assert.Equal(["lower-half"], await page.EvaluateAsync<string[]>(
            "() => Chart.getChart(document.getElementById('line-chart')).data.datasets.map(d => d.zoneId)"));

        // Alerts: the zone's alerts are listed with a worded level; acknowledging one updates its row.
        await page.GetByRole(AriaRole.Link, new() { Name = "Alerts", Exact = true }).First.ClickAsync();
        var rows = page.Locator("#alerts-table tbody tr[data-alert-id]");
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        await Assertions.Expect(rows.First.Locator(".level-badge")).ToHaveTextAsync(new Regex("Warning|Critical"));
        await rows.First.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Acknowledge") }).ClickAsync();
        await Assertions.Expect(rows.First).ToContainTextAsync("✓");
        await PortalJourney.ScreenshotAsync(page, "alerts-desktop");

        // My uploads shows the finished analysis and opens the dashboard.
        await page.GetByRole(AriaRole.Link, new() { Name = "My uploads" }).First.ClickAsync();
        await Assertions.Expect(page.Locator($"#video-list tr[data-video-id='{videoId}'] [data-role=status-badge]")).ToHaveTextAsync("Analysed");
        await PortalJourney.ScreenshotAsync(page, "uploads-analysed-desktop");
        Assert.Empty(scriptErrors);

        // The same pages on a phone: nothing needs a wider screen.
        var phone = await _fixture.NewPageAsync(390, 844);
        // The same signed-in user: the phone profile gets the desktop profile's cookies.
        await PortalJourney.CopySignInAsync(page, phone);
        foreach (var (url, name) in new[] { ($"/Dashboard/{videoId}", "dashboard-phone"), ($"/Graphs/{videoId}", "graphs-phone"), ("/Alerts", "alerts-phone") })
        {
            await phone.GotoAsync(url);
            await phone.WaitForLoadStateAsync(LoadState.NetworkIdle);
            int overflow = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
            Assert.True(overflow <= 0, $"{url} is {overflow} px wider than a 390 px screen.");
            await PortalJourney.ScreenshotAsync(phone, name);
        }
    }
}
