using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace CrowdPortal.E2E.Tests;

/// <summary>
/// The administrator's System page in Chromium. This class has its own portal (its own fixture), so the account it
/// registers first is that installation's first account, its administrator.
/// </summary>
public sealed class AdministrationJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task FirstAccount_SeesEveryCameraOnTheSystemPage_OthersAreRefused()
    {
        var admin = await fixture.NewPageAsync();
        var adminErrors = PortalJourney.CollectScriptErrors(admin);
        await PortalJourney.RegisterAsync(admin, "admin" + Guid.NewGuid().ToString("N")[..6]);
        var systemLink = admin.GetByRole(AriaRole.Link, new() { Name = "System", Exact = true });
        await systemLink.ClickAsync();
        await Assertions.Expect(admin.GetByTestId("system-no-cameras")).ToBeVisibleAsync();

        // Another account adds an IP camera on its Cameras page.
        var user = await fixture.NewPageAsync();
        string userName = "site" + Guid.NewGuid().ToString("N")[..6];
        await PortalJourney.RegisterAsync(user, userName);
        await Assertions.Expect(user.GetByRole(AriaRole.Link, new() { Name = "System", Exact = true })).ToHaveCountAsync(0);
        await user.GotoAsync("/Cameras");
        await user.Locator("#ip-name").FillAsync("North gate");
        await user.Locator("#ip-url").FillAsync("rtsp://viewer:s3cret@10.1.2.3:554/stream1");
        await user.GetByRole(AriaRole.Button, new() { Name = "Add camera" }).ClickAsync();
        await Assertions.Expect(user.Locator("#camera-list")).ToContainTextAsync("North gate");
        var refused = await user.GotoAsync("/Admin");
        Assert.Equal(403, refused!.Status);
        await Assertions.Expect(user.Locator("main")).ToContainTextAsync("Not allowed");

        // The administrator sees it with its owner and health, not its address.
        await admin.ReloadAsync();
        var row = admin.Locator("#system-cameras tbody tr");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("North gate");
        await Assertions.Expect(row).ToContainTextAsync(userName);
        await Assertions.Expect(row.Locator("[data-role=dropped]")).ToHaveTextAsync("0");
        await Assertions.Expect(admin.GetByTestId("dropped-total")).ToHaveTextAsync("0");
        Assert.DoesNotContain("10.1.2.3", await admin.ContentAsync(), StringComparison.Ordinal);
        await PortalJourney.ScreenshotAsync(admin, "system-desktop");

        var phone = await fixture.NewPageAsync(390, 844);
        await PortalJourney.CopySignInAsync(admin, phone);
        await phone.GotoAsync("/Admin");
        await Assertions.Expect(phone.Locator("#system-cameras")).ToContainTextAsync(new Regex("North gate"));
        int overflow = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"The System page is {overflow} px wider than a phone");
        await PortalJourney.ScreenshotAsync(phone, "system-phone");
        Assert.Empty(adminErrors);
    }
}
