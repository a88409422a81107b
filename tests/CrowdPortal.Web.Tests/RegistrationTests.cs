using System.Net;
using CrowdPortal.Web.Tests.Infrastructure;

namespace CrowdPortal.Web.Tests;

/// <summary>Closing registration (<c>Accounts:AllowRegistration=false</c>) once the installation has its administrator.</summary>
public sealed class RegistrationTests
{
    private static readonly Dictionary<string, string?> Closed = new() { ["Accounts:AllowRegistration"] = "false" };

    [Fact]
    public async Task ClosedRegistration_StillTakesTheFirstAccount_ThenRefusesOthers()
    {
        using var factory = new PortalFactory(TestDatabaseKind.Sqlite, Closed);
        using var admin = factory.CreatePortalClient();
        Assert.Contains("Create an account", await admin.Http.GetStringAsync("/Account/Login"), StringComparison.Ordinal);

        // An empty installation takes its first account, its administrator, even when closed.
        string adminName = await admin.RegisterNewUserAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.Http.GetAsync("/api/v1/admin/status")).StatusCode);

        using var stranger = factory.CreatePortalClient();
        string login = await stranger.Http.GetStringAsync("/Account/Login");
        Assert.DoesNotContain("Create an account", login, StringComparison.Ordinal);
        var page = await stranger.Http.GetAsync("/Account/Register");
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("Registration is closed", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        string name = PortalClient.NewUserName();
        // A form posted anyway (the antiforgery token taken from the login page) is refused too.
        var post = await stranger.PostFormAsync(
            "/Account/Register",
            new Dictionary<string, string> { ["UserName"] = name, ["Password"] = PortalClient.DefaultPassword, ["ConfirmPassword"] = PortalClient.DefaultPassword },
            "/Account/Login");
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        Assert.Contains("Ask its administrator", await post.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await stranger.LoginAsync(name)).StatusCode); // the login form again: no such account
        Assert.Contains(factory.Logs.Lines, l => l.Contains("registration is closed", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Redirect, (await factory.CreatePortalClient().LoginAsync(adminName)).StatusCode);
    }

    [Fact]
    public async Task OpenRegistration_IsTheDefault()
    {
        using var factory = new PortalFactory(TestDatabaseKind.Sqlite);
        using var first = factory.CreatePortalClient();
        await first.RegisterNewUserAsync();
        using var second = factory.CreatePortalClient();

        Assert.Contains("Create an account", await second.Http.GetStringAsync("/Account/Login"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await second.RegisterAsync(PortalClient.NewUserName())).StatusCode);
    }
}
