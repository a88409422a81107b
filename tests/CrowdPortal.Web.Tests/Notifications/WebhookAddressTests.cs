using System.Net;
using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using CrowdPortal.Web.Notifications;
using CrowdPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CrowdPortal.Web.Tests.Notifications;

/// <summary>
/// Webhooks cannot be aimed at the server's own network (SSRF): loopback and private targets are refused unless
/// Notifications:AllowPrivateNetworks, link-local ones (cloud metadata) always, when a channel is saved and again when a
/// message is sent (after DNS resolution, so a name that rebinds to a refused address is caught).
/// </summary>
public sealed class WebhookAddressTests
{
    /// <summary>label, URL, AllowPrivateNetworks, refused.</summary>
    public static TheoryData<string, string, bool, bool> Table => new()
    {
        { "loopback v4", "http://127.0.0.1:8080/hook", false, true },
        { "loopback v6", "http://[::1]:8080/hook", false, true },
        { "10/8", "https://10.1.2.3/hook", false, true },
        { "172.16/12", "https://172.16.5.4/hook", false, true },
        { "192.168/16", "https://192.168.1.20/hook", false, true },
        { "carrier NAT", "https://100.64.0.9/hook", false, true },
        { "unique local v6", "https://[fd00::5]/hook", false, true },
        { "IPv4-mapped loopback", "http://[::ffff:127.0.0.1]/hook", false, true },
        { "this host's name", "http://localhost:8080/hook", false, true },
        { "metadata service", "http://169.254.169.254/latest/meta-data", false, true },
        { "metadata service, private allowed", "http://169.254.169.254/latest/meta-data", true, true },
        { "link-local v6, private allowed", "http://[fe80::1]/hook", true, true },
        { "loopback, private allowed", "http://127.0.0.1:8080/hook", true, false },
        { "192.168/16, private allowed", "https://192.168.1.20/hook", true, false },
        { "localhost, private allowed", "http://localhost:8080/hook", true, false },
        { "public address", "https://93.184.216.34/hook", false, false },
        { "172.32 is public", "https://172.32.0.1/hook", false, false },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public async Task SavedUrl_IsRefusedOrAllowed_ByTheTable(string label, string url, bool allowPrivate, bool refused)
    {
        var policy = new WebhookAddressPolicy(Options.Create(new NotificationSettings { AllowPrivateNetworks = allowPrivate }));
        string? refusal = await policy.CheckUrlAsync(url, CancellationToken.None);
        Assert.True(refused == (refusal is not null), $"{label}: {refusal ?? "allowed"}");
    }

    [Fact]
    public async Task Api_RefusesAPrivateTarget_WithASentence_UnlessAllowed()
    {
        using var factory = new PortalFactory(TestDatabaseKind.Sqlite, new Dictionary<string, string?> { ["Notifications:AllowPrivateNetworks"] = "false" });
        using var client = factory.CreatePortalClient();
        await client.RegisterNewUserAsync();

        var response = await client.SendWithTokenAsync(HttpMethod.Post, "/api/v1/channels",
            new { kind = "webhook", name = "inside", url = "http://127.0.0.1:5549/hook", events = new[] { "alert.started" } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("this server itself", (await PortalClient.ReadJsonAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);

        var metadata = await client.SendWithTokenAsync(HttpMethod.Post, "/api/v1/channels",
            new { kind = "webhook", name = "cloud", url = "http://169.254.169.254/latest/meta-data", events = new[] { "alert.started" } });
        Assert.Equal(HttpStatusCode.BadRequest, metadata.StatusCode);
        Assert.Contains("link-local", (await PortalClient.ReadJsonAsync(metadata)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    /// <summary>
    /// A channel whose target became refused after it was saved (here: stored directly, as if its name now resolved to
    /// this server): the attempt is refused before connecting, the receiver gets nothing, and the log says why.
    /// </summary>
    [Fact]
    public async Task Send_ToATargetRefusedAtSendTime_NeverReachesTheReceiver()
    {
        await using var receiver = new WebhookReceiver();
        await receiver.StartAsync();
        using var factory = new PortalFactory(TestDatabaseKind.Sqlite, new Dictionary<string, string?> { ["Notifications:AllowPrivateNetworks"] = "false" });
        using var client = factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        string userId = await UserIdAsync(factory);
        long id;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
            var channel = new NotificationChannel
            {
                UserId = userId,
                Name = "rebound",
                Kind = "webhook",
                Url = receiver.Url,
                Events = "alert.started",
                SecretProtected = scope.ServiceProvider.GetRequiredService<ChannelSecretProtector>().Protect(WebhookSignature.NewSecret()),
            };
            db.NotificationChannels.Add(channel);
            await db.SaveChangesAsync();
            id = channel.Id;
        }

        Assert.Equal(HttpStatusCode.Accepted, (await client.SendWithTokenAsync(HttpMethod.Post, $"/api/v1/channels/{id}/test")).StatusCode);
        var channelNow = await client.WaitForChannelAsync(id, c => c.GetProperty("consecutiveFailures").GetInt32() >= 1, TimeSpan.FromSeconds(30), "failing");

        var log = await client.GetJsonAsync($"/api/v1/channels/{id}/deliveries");
        var delivery = Assert.Single(log.EnumerateArray());
        Assert.False(delivery.GetProperty("delivered").GetBoolean());
        Assert.StartsWith("Refused: the address is this server itself", delivery.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal("retrying", channelNow.GetProperty("state").GetString());
        Assert.Empty(receiver.Requests);
    }

    private static async Task<string> UserIdAsync(PortalFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
        return await db.Users.Select(u => u.Id).SingleAsync();
    }
}
