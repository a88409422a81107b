using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using CrowdPortal.Tests.Shared;
using Microsoft.Playwright;

namespace CrowdPortal.E2E.Tests;

/// <summary>
/// The settings pages in Chromium, through their forms: an API token created, used by a script and revoked; a webhook
/// created, sent a test event that a receiver in this test gets signed, renamed and deleted.
/// </summary>
public sealed class SettingsJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ApiToken_IsCreatedUsedAndRevoked_FromTheSettingsPage()
    {
        var page = await fixture.NewPageAsync();
        await PortalJourney.RegisterAsync(page, "tok" + Guid.NewGuid().ToString("N")[..6]);
        await page.GotoAsync("/Settings");
        await page.Locator("#CreateToken_Name").FillAsync("nightly export");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        var secret = page.Locator("#new-token-secret");
        await Assertions.Expect(secret).ToHaveTextAsync(new Regex("^cpt_"));

        using var script = new HttpClient { BaseAddress = new Uri(fixture.Server.BaseUrl) };
        script.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await secret.TextContentAsync())!.Trim());
        Assert.Equal(HttpStatusCode.OK, (await script.GetAsync("/api/v1/videos")).StatusCode);

        var questions = new List<string>();
        page.Dialog += (_, dialog) =>
        {
            questions.Add(dialog.Message);
            dialog.AcceptAsync();
        };
        await page.GetByRole(AriaRole.Button, new() { Name = "Revoke nightly export" }).ClickAsync();
        await Assertions.Expect(page.GetByText("No tokens yet.")).ToBeVisibleAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.GetAsync("/api/v1/videos")).StatusCode);
        Assert.Equal(["Revoke the token nightly export? Scripts that use it stop working."], questions);
    }

    [Fact]
    public async Task Webhook_IsCreatedTestedRenamedAndDeleted_FromTheNotificationsPage()
    {
        using var receiver = new HttpListener();
        string url = $"http://127.0.0.1:{LoopbackMjpegServer.FreeLoopbackPort()}/hooks/crowd/";
        receiver.Prefixes.Add(url);
        receiver.Start();
        var page = await fixture.NewPageAsync();
        await PortalJourney.RegisterAsync(page, "hook" + Guid.NewGuid().ToString("N")[..6]);

        await page.GotoAsync("/Settings/Notifications");
        await page.Locator("#webhook-name").FillAsync("Ops hook");
        await page.Locator("#webhook-url").FillAsync(url);
        await page.Locator("#event-camera-offline").UncheckAsync(); // ticked by default, with alert.started and alert.ended
        await page.GetByRole(AriaRole.Button, new() { Name = "Create webhook" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("new-channel")).ToContainTextAsync("Ops hook");
        await Assertions.Expect(page.GetByTestId("channel-receives")).ToHaveTextAsync("alert.started, alert.ended");

        // The test event reaches the receiver, signed, and the channel's log says so.
        await page.GetByRole(AriaRole.Button, new() { Name = "Send a test event to Ops hook" }).ClickAsync();
        var delivery = await receiver.GetContextAsync().WaitAsync(TimeSpan.FromSeconds(60));
        string body = await new StreamReader(delivery.Request.InputStream).ReadToEndAsync();
        delivery.Response.StatusCode = 204;
        delivery.Response.Close();
        Assert.Contains("\"test\"", body, StringComparison.Ordinal);
        Assert.NotNull(delivery.Request.Headers["webhook-signature"]);
        await ReloadUntilAsync(page, page.GetByRole(AriaRole.Region, new() { Name = "Deliveries of Ops hook" }), "delivered (204)");

        await page.GetByText("Change what it receives").ClickAsync();
        await page.Locator("input[name='Change.Name']").FillAsync("Ops webhook");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the changes to Ops hook" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "Channel Ops webhook changed." })).ToBeVisibleAsync();

        string? question = null;
        page.Dialog += (_, dialog) =>
        {
            question = dialog.Message;
            dialog.AcceptAsync();
        };
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete Ops webhook" }).ClickAsync();
        await Assertions.Expect(page.GetByText("No channels yet.")).ToBeVisibleAsync();
        Assert.Equal("Delete the channel Ops webhook and its delivery log?", question);
    }

    /// <summary>The page shows the log as it was when drawn; reload it until <paramref name="text"/> is in it.</summary>
    private static async Task ReloadUntilAsync(IPage page, ILocator where, string text)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(await where.CountAsync() > 0 && (await where.TextContentAsync() ?? "").Contains(text, StringComparison.Ordinal)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"'{text}' did not appear");
            await page.WaitForTimeoutAsync(500);
            await page.ReloadAsync();
        }
    }
}
