using System.Net;
using System.Text.Json;
using CrowdPortal.Data;
using CrowdPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using netDumbster.smtp;

namespace CrowdPortal.Web.Tests.Notifications;

/// <summary>
/// Admin → Mail server against a real SMTP server on loopback (netDumbster): what the administrator stores replaces the
/// <c>Smtp:*</c> settings for test mails and e-mail channels; the password is stored encrypted and never appears in a
/// page or the log; other accounts are refused; bad input is a 400 with the reason.
/// </summary>
[Collection(SmtpTests.Name)]
public sealed class MailServerAdminTests
{
    private const string Password = "Mail-Pa55word-never-shown";
    private const string Page = "/Admin/MailServer";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(TestDatabaseKind.Sqlite)]
    [InlineData(TestDatabaseKind.MariaDb)]
    public async Task StoredServer_OverridesSmtpSettings_SendsTestMailAndChannelMail_PasswordNeverShown(TestDatabaseKind kind)
    {
        using var smtp = EmailChannelTests.StartSmtp(out int port);
        // The configured server is a closed port: mail that arrives went by the stored settings.
        using var factory = new PortalFactory(kind, new Dictionary<string, string?>(WebhookDeliveryTests.Fast)
        {
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = "1",
            ["Smtp:Security"] = "None",
        });
        using var admin = factory.CreatePortalClient();
        await admin.RegisterNewUserAsync();
        Assert.Contains("Nothing stored", await admin.Http.GetStringAsync(Page), StringComparison.Ordinal);

        var saved = await SaveAsync(admin, port, username: "mailer", Password);
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        string html = await saved.Content.ReadAsStringAsync();
        Assert.Contains("Mail server saved", html, StringComparison.Ordinal);
        Assert.Contains("stored: leave empty to keep it", html, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, html, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, await admin.Http.GetStringAsync(Page), StringComparison.Ordinal);
        using (var scope = factory.Services.CreateScope())
        {
            var row = await scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>().MailServers.AsNoTracking().SingleAsync();
            Assert.Equal(port, row.Port);
            Assert.Equal("mailer", row.Username);
            Assert.False(string.IsNullOrEmpty(row.PasswordProtected));
            Assert.DoesNotContain(Password, row.PasswordProtected, StringComparison.Ordinal);
        }

        // Saved again without a password: the stored one stays; without a user name, no login is tried.
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(admin, port, username: string.Empty, password: string.Empty)).StatusCode);
        Assert.Contains("stored: leave empty to keep it", await admin.Http.GetStringAsync(Page), StringComparison.Ordinal);

        var tested = await admin.PostFormAsync(Page + "/Test", new Dictionary<string, string> { ["testTo"] = "admin@example.com" }, Page);
        string testedHtml = await tested.Content.ReadAsStringAsync();
        Assert.True(tested.StatusCode == HttpStatusCode.OK, testedHtml);
        Assert.Contains("Test mail sent to admin@example.com", testedHtml, StringComparison.Ordinal);
        await WaitForMailsAsync(smtp, 1);
        Assert.Contains("admin@example.com", smtp.ReceivedEmail[0].Headers["To"], StringComparison.Ordinal);
        Assert.Contains("alerts@example.com", smtp.ReceivedEmail[0].Headers["From"], StringComparison.Ordinal);

        // A user's e-mail channel goes through the stored server too.
        using var user = factory.CreatePortalClient();
        await user.RegisterNewUserAsync();
        var created = await user.SendWithTokenAsync(HttpMethod.Post, "/api/v1/channels",
            new { kind = "email", name = "inbox", to = "ops@example.com", events = ChannelClient.AllEvents });
        string text = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, text);
        long id = JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.Accepted, (await user.SendWithTokenAsync(HttpMethod.Post, $"/api/v1/channels/{id}/test")).StatusCode);
        await WaitForMailsAsync(smtp, 2);
        Assert.Contains(smtp.ReceivedEmail, m => m.Headers["To"]!.Contains("ops@example.com", StringComparison.Ordinal));

        Assert.DoesNotContain(factory.Logs.Lines, l => l.Contains(Password, StringComparison.Ordinal));
        Assert.Contains(factory.Logs.Lines, l => l.Contains($"Mail server set to 127.0.0.1:{port}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ATestMail_TheServerRefuses_ShowsTheServersReason()
    {
        using var factory = new PortalFactory(TestDatabaseKind.Sqlite);
        using var admin = factory.CreatePortalClient();
        await admin.RegisterNewUserAsync();
        Assert.Equal(HttpStatusCode.OK, (await SaveAsync(admin, port: 1, username: string.Empty, password: string.Empty)).StatusCode);

        var tested = await admin.PostFormAsync(Page + "/Test", new Dictionary<string, string> { ["testTo"] = "admin@example.com" }, Page);

        Assert.Equal(HttpStatusCode.OK, tested.StatusCode);
        Assert.Contains("could not be reached", await tested.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "587", "Auto", "CrowdPortal <a@example.com>", "host name")]
    [InlineData("smtp example com", "587", "Auto", "CrowdPortal <a@example.com>", "host name")]
    [InlineData("smtp.example.com", "0", "Auto", "CrowdPortal <a@example.com>", "between 1 and 65535")]
    [InlineData("smtp.example.com", "many", "Auto", "CrowdPortal <a@example.com>", "between 1 and 65535")]
    [InlineData("smtp.example.com", "587", "Sometimes", "CrowdPortal <a@example.com>", "TLS must be")]
    [InlineData("smtp.example.com", "587", "Auto", "not an address", "sender address")]
    public async Task InvalidSettings_Are400_WithTheReason_AndNothingIsStored(string host, string port, string security, string from, string reason)
    {
        using var factory = new PortalFactory(TestDatabaseKind.Sqlite);
        using var admin = factory.CreatePortalClient();
        await admin.RegisterNewUserAsync();
        var response = await admin.PostFormAsync(Page, new Dictionary<string, string>
        {
            ["Form.Host"] = host,
            ["Form.Port"] = port,
            ["Form.Security"] = security,
            ["Form.From"] = from,
            ["Form.Password"] = Password,
        }, Page);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        string html = await response.Content.ReadAsStringAsync();
        Assert.Contains(reason, html, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, html, StringComparison.Ordinal);
        using var scope = factory.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>().MailServers.AnyAsync());
    }

    [Fact]
    public async Task OtherAccounts_AreRefused_WithA403()
    {
        using var factory = new PortalFactory(TestDatabaseKind.Sqlite);
        using var admin = factory.CreatePortalClient();
        await admin.RegisterNewUserAsync();
        using var user = factory.CreatePortalClient();
        await user.RegisterNewUserAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await user.Http.GetAsync(Page)).StatusCode);
        foreach (string action in (string[])["", "/Test", "/Remove"])
        {
            // With a valid antiforgery token of the user's own (from their Settings page): refused all the same.
            var refused = await user.PostFormAsync(Page + action, new Dictionary<string, string>
            {
                ["Form.Host"] = "smtp.evil.example",
                ["Form.Port"] = "25",
                ["Form.Security"] = "None",
                ["Form.From"] = "x@evil.example",
                ["testTo"] = "x@evil.example",
            }, "/Settings");
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using var scope = factory.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>().MailServers.AnyAsync());
    }

    private static Task<HttpResponseMessage> SaveAsync(PortalClient admin, int port, string username, string password) =>
        admin.PostFormAsync(Page, new Dictionary<string, string>
        {
            ["Form.Host"] = "127.0.0.1",
            ["Form.Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Form.Security"] = "None",
            ["Form.Username"] = username,
            ["Form.Password"] = password,
            ["Form.From"] = "CrowdPortal <alerts@example.com>",
        }, Page);

    private static async Task WaitForMailsAsync(SimpleSmtpServer smtp, int count)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (smtp.ReceivedEmailCount < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"only {smtp.ReceivedEmailCount} of {count} mails arrived");
            await Task.Delay(100);
        }
    }
}
