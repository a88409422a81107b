using System.Net;
using System.Text.RegularExpressions;
using CrowdPortal.Web.Tests.Infrastructure;

namespace CrowdPortal.Web.Tests.Notifications;

/// <summary>Settings → Notifications: a webhook made with the form shows its secret once, then the list never does.</summary>
public sealed partial class NotificationsPageTests(SqlitePortal portal) : IClassFixture<SqlitePortal>
{
    [Fact]
    public async Task CreatingAWebhook_ShowsItsSecretOnce_ThenListsItWithoutTheSecret()
    {
        using var client = portal.Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        var created = await client.PostFormAsync("/Settings/Notifications/Create", new Dictionary<string, string>
        {
            ["Form.Name"] = "Control room",
            ["Form.Url"] = "http://127.0.0.1:5549/hook",
            ["Form.Events"] = "alert.started",
            ["Form.MinLevel"] = "critical",
        }, "/Settings/Notifications");
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        string html = await created.Content.ReadAsStringAsync();
        string secret = NewSecret().Match(html).Groups["s"].Value;
        Assert.StartsWith("whsec_", secret);

        string page = await client.Http.GetStringAsync("/Settings/Notifications");
        Assert.Contains("Control room", page, StringComparison.Ordinal);
        Assert.Contains("alerts of at least critical", page, StringComparison.Ordinal);
        Assert.DoesNotContain(secret["whsec_".Length..], page, StringComparison.Ordinal);
        var channel = Assert.Single((await client.GetJsonAsync("/api/v1/channels")).EnumerateArray());
        Assert.Equal("critical", channel.GetProperty("minLevel").GetString());
    }

    [Fact]
    public async Task ARefusedWebhook_Is400_WithTheReasonOnThePage()
    {
        using var client = portal.Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        var refused = await client.PostFormAsync("/Settings/Notifications/Create", new Dictionary<string, string>
        {
            ["Form.Name"] = "Metadata",
            ["Form.Url"] = "http://169.254.169.254/latest/meta-data",
            ["Form.Events"] = "alert.started",
        }, "/Settings/Notifications");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("link-local", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty((await client.GetJsonAsync("/api/v1/channels")).EnumerateArray());
    }

    [Fact]
    public async Task FormPost_WithoutAntiforgeryToken_IsRefused()
    {
        using var client = portal.Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        var response = await client.Http.PostAsync("/Settings/Notifications/Create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Form.Name"] = "x",
            ["Form.Url"] = "http://127.0.0.1:5549/hook",
            ["Form.Events"] = "alert.started",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty((await client.GetJsonAsync("/api/v1/channels")).EnumerateArray());
    }

    [GeneratedRegex("id=\"new-channel-secret\">(?<s>[^<]+)<")]
    private static partial Regex NewSecret();
}
