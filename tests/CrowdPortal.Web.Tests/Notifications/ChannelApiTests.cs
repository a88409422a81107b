using System.Net;
using System.Net.Http.Json;
using CrowdPortal.Data;
using CrowdPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdPortal.Web.Tests.Notifications;

/// <summary>
/// The channels API: the secret is shown once (201) and never again — not by GET, the page, the database or the log —
/// another user's channel is 404 on every route, bad input is a 400 with a sentence, and cookie calls need antiforgery.
/// </summary>
public sealed class ChannelApiTests(SqlitePortal portal) : IClassFixture<SqlitePortal>
{
    private const string Url = "http://127.0.0.1:5549/hook";

    [Fact]
    public async Task Create_Returns201WithTheSecretOnce_AndNeverAgain()
    {
        using var client = portal.Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        var (id, secret) = await client.CreateWebhookAsync(Url, ["alert.started", "camera.offline"], "Ops room");
        Assert.Matches("^whsec_[A-Za-z0-9+/]{43}=$", secret);

        var one = await client.GetJsonAsync($"/api/v1/channels/{id}");
        Assert.Equal("Ops room", one.GetProperty("name").GetString());
        Assert.Equal(Url, one.GetProperty("url").GetString());
        Assert.Equal(new[] { "alert.started", "camera.offline" }, one.GetProperty("events").EnumerateArray().Select(e => e.GetString()!).ToArray());
        Assert.Equal("active", one.GetProperty("state").GetString());
        Assert.False(one.TryGetProperty("secret", out _));

        string list = await client.Http.GetStringAsync("/api/v1/channels");
        string page = await client.Http.GetStringAsync("/Settings/Notifications");
        string updated = await (await client.SendWithTokenAsync(HttpMethod.Put, $"/api/v1/channels/{id}",
            new { name = "Ops room 2", url = Url, events = new[] { "alert.ended" } })).Content.ReadAsStringAsync();
        string key = secret["whsec_".Length..];
        foreach (string text in (string[])[list, page, updated, string.Join('\n', portal.Factory.Logs.Lines)])
        {
            Assert.DoesNotContain(key, text, StringComparison.Ordinal);
        }

        Assert.Contains("Ops room 2", updated, StringComparison.Ordinal);
        using var scope = portal.Factory.Services.CreateScope();
        var row = await scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>().NotificationChannels.AsNoTracking().SingleAsync(c => c.Id == id);
        Assert.DoesNotContain(key, row.SecretProtected!, StringComparison.Ordinal); // encrypted at rest
    }

    [Fact]
    public async Task AnotherUsersChannel_Is404_OnEveryRoute()
    {
        using var owner = portal.Factory.CreatePortalClient();
        await owner.RegisterNewUserAsync();
        var (id, _) = await owner.CreateWebhookAsync(Url);
        using var other = portal.Factory.CreatePortalClient();
        await other.RegisterNewUserAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"/api/v1/channels/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"/api/v1/channels/{id}/deliveries")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.SendWithTokenAsync(HttpMethod.Put, $"/api/v1/channels/{id}",
            new { name = "mine now", url = Url, events = new[] { "alert.started" } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.SendWithTokenAsync(HttpMethod.Post, $"/api/v1/channels/{id}/test")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.SendWithTokenAsync(HttpMethod.Post, $"/api/v1/channels/{id}/resume")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.SendWithTokenAsync(HttpMethod.Delete, $"/api/v1/channels/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostFormAsync($"/Settings/Notifications/{id}/Delete", new Dictionary<string, string>(), "/Settings/Notifications")).StatusCode);
        Assert.Empty((await other.GetJsonAsync("/api/v1/channels")).EnumerateArray());

        Assert.Equal(HttpStatusCode.OK, (await owner.Http.GetAsync($"/api/v1/channels/{id}")).StatusCode); // untouched
    }

    /// <summary>label, JSON body, a word the problem's sentence contains.</summary>
    public static TheoryData<string, string, string> BadRequests => new()
    {
        { "no events", """{"kind":"webhook","name":"a","url":"http://127.0.0.1:5549/","events":[]}""", "at least one event" },
        { "unknown event", """{"kind":"webhook","name":"a","url":"http://127.0.0.1:5549/","events":["alert.exploded"]}""", "not an event" },
        { "no name", """{"kind":"webhook","name":" ","url":"http://127.0.0.1:5549/","events":["alert.started"]}""", "name" },
        { "kind", """{"kind":"pigeon","name":"a","url":"http://127.0.0.1:5549/","events":["alert.started"]}""", "kind" },
        { "ftp url", """{"kind":"webhook","name":"a","url":"ftp://127.0.0.1/","events":["alert.started"]}""", "http://" },
        { "relative url", """{"kind":"webhook","name":"a","url":"/hook","events":["alert.started"]}""", "http" },
        { "credentials in url", """{"kind":"webhook","name":"a","url":"http://u:p@127.0.0.1:5549/","events":["alert.started"]}""", "password" },
        { "level", """{"kind":"webhook","name":"a","url":"http://127.0.0.1:5549/","events":["alert.started"],"minLevel":"severe"}""", "minLevel" },
        { "level normal (no alert is normal)", """{"kind":"webhook","name":"a","url":"http://127.0.0.1:5549/","events":["alert.started"],"minLevel":"normal"}""", "minLevel" },
        { "e-mail without an SMTP server", """{"kind":"email","name":"a","to":"ops@example.com","events":["alert.started"]}""", "SMTP" },
        { "someone else's video", """{"kind":"webhook","name":"a","url":"http://127.0.0.1:5549/","events":["alert.started"],"videoIds":[987654]}""", "video" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Create_WithBadInput_Is400WithASentence_AndStoresNothing(string label, string json, string word)
    {
        using var client = portal.Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/channels") { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("RequestVerificationToken", await client.GetAntiforgeryTokenAsync("/Videos"));
        var response = await client.Http.SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, label);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        string detail = (await PortalClient.ReadJsonAsync(response)).GetProperty("detail").GetString()!;
        Assert.Contains(word, detail, StringComparison.OrdinalIgnoreCase);
        Assert.Empty((await client.GetJsonAsync("/api/v1/channels")).EnumerateArray());
    }

    [Fact]
    public async Task CookieCall_WithoutAntiforgeryToken_IsRefused()
    {
        using var client = portal.Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        var response = await client.Http.PostAsJsonAsync("/api/v1/channels", new { kind = "webhook", name = "a", url = Url, events = new[] { "alert.started" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty((await client.GetJsonAsync("/api/v1/channels")).EnumerateArray());
    }
}
