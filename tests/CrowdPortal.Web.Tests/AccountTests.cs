using System.Net;
using CrowdPortal.Web.Tests.Infrastructure;

namespace CrowdPortal.Web.Tests;

/// <summary>Registration, sign-in, sign-out and password change through the real pages, on each database.</summary>
public abstract class AccountTests(PortalFixture portal)
{
    private PortalFactory Factory => portal.Factory;

    [Fact]
    public async Task Register_NewUser_SignsInAndShowsMyUploads()
    {
        using var client = Factory.CreatePortalClient();
        string name = await client.RegisterNewUserAsync();

        var page = await client.Http.GetAsync("/Videos");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        string html = await page.Content.ReadAsStringAsync();
        Assert.Contains(name, html);
        Assert.Contains("No videos yet", html);
    }

    [Theory]
    [InlineData("short", "at least 8")]
    [InlineData("password123", "too common")]
    public async Task Register_WeakPassword_IsRefusedWithReason(string password, string expected)
    {
        using var client = Factory.CreatePortalClient();
        string name = PortalClient.NewUserName();

        var response = await client.RegisterAsync(name, password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        var login = await client.LoginAsync(name, password);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode); // the form again: no such account
    }

    [Fact]
    public async Task Register_LongPassphrase_IsAccepted()
    {
        using var client = Factory.CreatePortalClient();
        string passphrase = new string('x', 20) + " a long passphrase of sixty-four characters or so!!!";

        var response = await client.RegisterAsync(PortalClient.NewUserName(), passphrase);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Register_TakenUserName_IsRefused()
    {
        using var first = Factory.CreatePortalClient();
        string name = await first.RegisterNewUserAsync();
        using var second = Factory.CreatePortalClient();

        var response = await second.RegisterAsync(name);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("already taken", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Login_WrongPasswordAndUnknownUser_GiveTheSameMessage()
    {
        using var owner = Factory.CreatePortalClient();
        string name = await owner.RegisterNewUserAsync();
        using var client = Factory.CreatePortalClient();

        string wrongPassword = await (await client.LoginAsync(name, "not the password at all")).Content.ReadAsStringAsync();
        string unknownUser = await (await client.LoginAsync(PortalClient.NewUserName(), "not the password at all")).Content.ReadAsStringAsync();

        Assert.Contains("Wrong user name or password", wrongPassword);
        Assert.Contains("Wrong user name or password", unknownUser);
    }

    [Fact]
    public async Task Login_AfterFiveFailures_AccountIsLockedEvenForTheRightPassword()
    {
        using var owner = Factory.CreatePortalClient();
        string name = await owner.RegisterNewUserAsync();
        using var attacker = Factory.CreatePortalClient();
        for (int i = 0; i < 5; i++)
        {
            await attacker.LoginAsync(name, "wrong password " + i);
        }

        var response = await attacker.LoginAsync(name);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Wrong user name or password", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Login_RightPassword_RedirectsWithAFreshSessionCookie()
    {
        using var owner = Factory.CreatePortalClient();
        string name = await owner.RegisterNewUserAsync();
        using var client = Factory.CreatePortalClient();

        var response = await client.LoginAsync(name);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        // Any old session cookie is cleared first; then exactly one new one is issued.
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("crowdportal.auth=", StringComparison.Ordinal) && !c.StartsWith("crowdportal.auth=;", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/Videos")).StatusCode);
    }

    [Fact]
    public async Task Logout_EndsTheSessionOnTheServer_OldCookieNoLongerWorks()
    {
        using var client = Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        string stolenCookie = client.CookieHeader;

        var logout = await client.PostFormAsync("/Account/Logout", new Dictionary<string, string>(), "/Videos");
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        using var replay = Factory.CreatePortalClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/videos");
        request.Headers.Add("Cookie", stolenCookie);
        Assert.Equal(HttpStatusCode.Unauthorized, (await replay.Http.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Logout_ACookieCopiedBefore_IsRefusedOnItsVeryNextPageRequest_AndOtherSessionsEndToo()
    {
        // The portal's default settings (no shortened validation interval): the refusal must not wait for any timer.
        using var client = Factory.CreatePortalClient();
        string name = await client.RegisterNewUserAsync();
        using var otherDevice = Factory.CreatePortalClient();
        await otherDevice.LoginAsync(name);
        string copied = client.CookieHeader;
        Assert.Equal(HttpStatusCode.OK, await GetWithCookieAsync(copied, "/Videos"));

        await client.PostFormAsync("/Account/Logout", new Dictionary<string, string>(), "/Videos");

        Assert.Equal(HttpStatusCode.Redirect, await GetWithCookieAsync(copied, "/Videos"));
        Assert.Equal(HttpStatusCode.Unauthorized, await GetWithCookieAsync(copied, "/api/v1/cameras"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await otherDevice.Http.GetAsync("/api/v1/videos")).StatusCode);
        using var again = Factory.CreatePortalClient();
        Assert.Equal(HttpStatusCode.Redirect, (await again.LoginAsync(name)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await again.Http.GetAsync("/api/v1/videos")).StatusCode);
    }

    [Fact]
    public async Task ChangePassword_WrongCurrentPassword_IsRefusedAndOldPasswordStillWorks()
    {
        using var client = Factory.CreatePortalClient();
        string name = await client.RegisterNewUserAsync();

        var response = await ChangePasswordAsync(client, "not my password", "a brand new passphrase");

        Assert.Contains("The current password is wrong", await response.Content.ReadAsStringAsync());
        using var again = Factory.CreatePortalClient();
        Assert.Equal(HttpStatusCode.Redirect, (await again.LoginAsync(name)).StatusCode);
    }

    [Fact]
    public async Task ChangePassword_EndsOtherSessions_KeepsThisOne_NewPasswordWorks()
    {
        using var client = Factory.CreatePortalClient();
        string name = await client.RegisterNewUserAsync();
        using var otherDevice = Factory.CreatePortalClient();
        await otherDevice.LoginAsync(name);
        Assert.Equal(HttpStatusCode.OK, (await otherDevice.Http.GetAsync("/api/v1/videos")).StatusCode);

        var response = await ChangePasswordAsync(client, PortalClient.DefaultPassword, "a brand new passphrase");

        Assert.Contains("Password changed", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/api/v1/videos")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await otherDevice.Http.GetAsync("/api/v1/videos")).StatusCode);
        using var fresh = Factory.CreatePortalClient();
        Assert.Equal(HttpStatusCode.Redirect, (await fresh.LoginAsync(name, "a brand new passphrase")).StatusCode);
    }

    private async Task<HttpStatusCode> GetWithCookieAsync(string cookie, string path)
    {
        using var replay = Factory.CreatePortalClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("Cookie", cookie);
        return (await replay.Http.SendAsync(request)).StatusCode;
    }

    private static Task<HttpResponseMessage> ChangePasswordAsync(PortalClient client, string current, string next) =>
        client.PostFormAsync("/Settings/ChangePassword", new Dictionary<string, string>
        {
            ["ChangePassword.CurrentPassword"] = current,
            ["ChangePassword.NewPassword"] = next,
            ["ChangePassword.ConfirmPassword"] = next,
        }, "/Settings");
}

public sealed class SqliteAccountTests(SqlitePortal portal) : AccountTests(portal), IClassFixture<SqlitePortal>;

public sealed class MariaDbAccountTests(MariaDbPortal portal) : AccountTests(portal), IClassFixture<MariaDbPortal>;
