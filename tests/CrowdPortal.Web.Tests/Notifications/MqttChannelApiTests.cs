using System.Net;
using System.Text;
using CrowdPortal.Data;
using CrowdPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdPortal.Web.Tests.Notifications;

/// <summary>
/// MQTT channels through the channels API: bad broker settings are a 400 with a sentence and store nothing, the broker
/// password is never returned (API, page, log) and is encrypted at rest, and another user's MQTT channel is 404.
/// </summary>
public sealed class MqttChannelApiTests(SqlitePortal portal) : IClassFixture<SqlitePortal>
{
    private const string Password = "s3cret-broker-pass-Zq81";

    /// <summary>label, JSON body, a word the problem's sentence contains.</summary>
    public static TheoryData<string, string, string> BadRequests => new()
    {
        { "no host", """{"kind":"mqtt","name":"a","events":["alert.started"]}""", "host" },
        { "blank host", """{"kind":"mqtt","name":"a","host":"  ","events":["alert.started"]}""", "host" },
        { "host with a scheme", """{"kind":"mqtt","name":"a","host":"mqtt://broker.example.com","events":["alert.started"]}""", "host" },
        { "port 0", """{"kind":"mqtt","name":"a","host":"127.0.0.1","port":0,"events":["alert.started"]}""", "port" },
        { "port 65536", """{"kind":"mqtt","name":"a","host":"127.0.0.1","port":65536,"events":["alert.started"]}""", "port" },
        { "prefix with +", """{"kind":"mqtt","name":"a","host":"127.0.0.1","topicPrefix":"crowd/+/x","events":["alert.started"]}""", "wildcard" },
        { "prefix with #", """{"kind":"mqtt","name":"a","host":"127.0.0.1","topicPrefix":"crowd/#","events":["alert.started"]}""", "wildcard" },
        { "prefix starting with $", """{"kind":"mqtt","name":"a","host":"127.0.0.1","topicPrefix":"$SYS/crowd","events":["alert.started"]}""", "$" },
        { "prefix with an empty level", """{"kind":"mqtt","name":"a","host":"127.0.0.1","topicPrefix":"crowd//portal","events":["alert.started"]}""", "empty level" },
        { "prefix ending with /", """{"kind":"mqtt","name":"a","host":"127.0.0.1","topicPrefix":"crowd/","events":["alert.started"]}""", "/" },
        { "empty prefix", """{"kind":"mqtt","name":"a","host":"127.0.0.1","topicPrefix":"","events":["alert.started"]}""", "topicPrefix" },
        { "password without a username", """{"kind":"mqtt","name":"a","host":"127.0.0.1","password":"x","events":["alert.started"]}""", "username" },
        { "link-local broker", """{"kind":"mqtt","name":"a","host":"169.254.169.254","events":["alert.started"]}""", "link-local" },
        { "link-local v6 broker", """{"kind":"mqtt","name":"a","host":"fe80::1","events":["alert.started"]}""", "link-local" },
        { "no events", """{"kind":"mqtt","name":"a","host":"127.0.0.1","events":[]}""", "event" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task Create_WithBadBrokerSettings_Is400WithASentence_AndStoresNothing(string label, string json, string word)
    {
        using var client = portal.Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/channels") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("RequestVerificationToken", await client.GetAntiforgeryTokenAsync("/Videos"));
        var response = await client.Http.SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{label}: {response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        string detail = (await PortalClient.ReadJsonAsync(response)).GetProperty("detail").GetString()!;
        Assert.Contains(word, detail, StringComparison.OrdinalIgnoreCase);
        Assert.Empty((await client.GetJsonAsync("/api/v1/channels")).EnumerateArray());
    }

    [Fact]
    public async Task Password_IsNeverReturned_NorLogged_AndIsEncryptedAtRest()
    {
        using var client = portal.Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        var created = await client.SendWithTokenAsync(HttpMethod.Post, "/api/v1/channels", new
        {
            kind = "mqtt",
            name = "Home Assistant",
            host = "127.0.0.1",
            port = 1,
            username = "crowd",
            password = Password,
            topicPrefix = "crowd-" + Guid.NewGuid().ToString("N")[..8],
            events = new[] { "alert.started" },
        });
        string createdText = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, createdText);
        long id = (await PortalClient.ReadJsonAsync(created)).GetProperty("id").GetInt64();
        var one = await client.GetJsonAsync($"/api/v1/channels/{id}");
        Assert.Equal("mqtt", one.GetProperty("kind").GetString());
        Assert.Equal("127.0.0.1", one.GetProperty("host").GetString());
        Assert.Equal(1, one.GetProperty("port").GetInt32());
        Assert.Equal("crowd", one.GetProperty("username").GetString());
        Assert.True(one.GetProperty("hasPassword").GetBoolean());
        Assert.False(one.TryGetProperty("password", out _));
        Assert.False(one.TryGetProperty("secret", out _));

        // A PUT without the password keeps it; the connection attempts (port 1 refuses) log no password either.
        var updated = await client.SendWithTokenAsync(HttpMethod.Put, $"/api/v1/channels/{id}",
            new { name = "HA 2", host = "127.0.0.1", port = 1, username = "crowd", topicPrefix = "crowd-x", events = new[] { "alert.ended" } });
        string updatedText = await updated.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Contains("\"hasPassword\":true", updatedText, StringComparison.Ordinal);
        await client.WaitForChannelAsync(id, c => c.GetProperty("connection").GetString()!.StartsWith("not connected to 127.0.0.1:1", StringComparison.Ordinal),
            TimeSpan.FromSeconds(30), "failing to connect");

        string list = await client.Http.GetStringAsync("/api/v1/channels");
        string page = await client.Http.GetStringAsync("/Settings/Notifications");
        foreach (string text in (string[])[createdText, list, page, updatedText, string.Join('\n', portal.Factory.Logs.Lines)])
        {
            Assert.DoesNotContain(Password, text, StringComparison.Ordinal);
        }

        using var scope = portal.Factory.Services.CreateScope();
        var row = await scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>().NotificationChannels.AsNoTracking().SingleAsync(c => c.Id == id);
        Assert.NotNull(row.SecretProtected);
        Assert.DoesNotContain(Password, row.SecretProtected!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnotherUsersMqttChannel_Is404_OnEveryRoute()
    {
        using var owner = portal.Factory.CreatePortalClient();
        await owner.RegisterNewUserAsync();
        var created = await owner.SendWithTokenAsync(HttpMethod.Post, "/api/v1/channels",
            new { kind = "mqtt", name = "mine", host = "127.0.0.1", port = 1, events = new[] { "alert.started" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        long id = (await PortalClient.ReadJsonAsync(created)).GetProperty("id").GetInt64();
        using var other = portal.Factory.CreatePortalClient();
        await other.RegisterNewUserAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"/api/v1/channels/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"/api/v1/channels/{id}/deliveries")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.SendWithTokenAsync(HttpMethod.Put, $"/api/v1/channels/{id}",
            new { name = "mine now", host = "127.0.0.1", events = new[] { "alert.started" } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.SendWithTokenAsync(HttpMethod.Post, $"/api/v1/channels/{id}/test")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.SendWithTokenAsync(HttpMethod.Delete, $"/api/v1/channels/{id}")).StatusCode);
        Assert.Equal("mine", (await owner.GetJsonAsync($"/api/v1/channels/{id}")).GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("127.0.0.1", "this server")]
    [InlineData("::1", "this server")]
    [InlineData("10.1.2.3", "private network")]
    [InlineData("172.16.0.9", "private network")]
    [InlineData("192.168.1.20", "private network")]
    [InlineData("localhost", "this server")]
    public async Task PrivateBrokers_AreRefused_UnlessTheAdministratorAllowsThem(string host, string word)
    {
        using var factory = new PortalFactory(TestDatabaseKind.Sqlite, new Dictionary<string, string?> { ["Notifications:AllowPrivateNetworks"] = "false" });
        using var client = factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        var response = await client.SendWithTokenAsync(HttpMethod.Post, "/api/v1/channels",
            new { kind = "mqtt", name = "a", host, events = new[] { "alert.started" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(word, (await PortalClient.ReadJsonAsync(response)).GetProperty("detail").GetString()!, StringComparison.Ordinal);
    }
}
