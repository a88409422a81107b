using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using CrowdPortal.Core.Alerts;
using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using CrowdPortal.Web.Notifications;
using CrowdPortal.Web.Tests.Cameras;
using CrowdPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdPortal.Web.Tests.Notifications;

/// <summary>
/// Settings → Notifications: a webhook made with the form shows its secret once, then the list never does; a channel is
/// narrowed to some of the user's cameras and a minimum level when made or later, and only their events reach it.
/// </summary>
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

    [Fact]
    public async Task ANewChannel_NarrowedOnThePage_ToOneCameraAndCriticalAlerts_GetsOnlyThose()
    {
        using var client = portal.Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long gateA = await client.AddIpCameraAsync("Gate A", "rtsp://10.0.0.7/a");
        long gateB = await client.AddIpCameraAsync("Gate B", "rtsp://10.0.0.7/b");
        string form = await client.Http.GetStringAsync("/Settings/Notifications");
        Assert.Contains($"id=\"webhook-video-{gateA}\"", form, StringComparison.Ordinal);
        Assert.Contains($"id=\"email-video-{gateB}\"", form, StringComparison.Ordinal);

        var created = await PostAsync(client, "/Settings/Notifications/Create",
            [("Form.Name", "Gate A only"), ("Form.Url", "http://127.0.0.1:5549/hook"), ("Form.Events", "alert.started"),
             ("Form.VideoIds", gateA.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Form.MinLevel", "critical")]);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var channel = Assert.Single((await client.GetJsonAsync("/api/v1/channels")).EnumerateArray());
        Assert.Equal([gateA], channel.GetProperty("videoIds").EnumerateArray().Select(v => v.GetInt64()));
        Assert.Equal("critical", channel.GetProperty("minLevel").GetString());
        Assert.Contains("only Gate A", await client.Http.GetStringAsync("/Settings/Notifications"), StringComparison.Ordinal);

        long id = channel.GetProperty("id").GetInt64();
        var sent = await AlertEventsAsync([(gateA, "critical"), (gateA, "warning"), (gateB, "critical")]);
        Assert.Equal([sent[0]], await DeliveredEventsAsync(id, sent));
    }

    [Fact]
    public async Task ChangingAChannelOnThePage_ChangesItsEventsNarrowingAndLevel_ThenWideningAgain()
    {
        using var client = portal.Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long gateA = await client.AddIpCameraAsync("Gate A", "rtsp://10.0.0.7/a");
        long gateB = await client.AddIpCameraAsync("Gate B", "rtsp://10.0.0.7/b");
        var (id, _) = await client.CreateWebhookAsync("http://127.0.0.1:5549/hook", ["alert.started"], "Everything");
        Assert.Contains($"id=\"change-{id}-video-{gateB}\"", await client.Http.GetStringAsync("/Settings/Notifications"), StringComparison.Ordinal);

        var changed = await PostAsync(client, $"/Settings/Notifications/{id}/Change",
            [("Change.Name", "Gate B warnings"), ("Change.Events", "alert.started"), ("Change.Events", "camera.offline"),
             ("Change.VideoIds", gateB.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("Change.MinLevel", "warning")]);
        string html = await changed.Content.ReadAsStringAsync();
        Assert.True(changed.StatusCode == HttpStatusCode.OK, html);
        Assert.Contains("Channel Gate B warnings changed.", html, StringComparison.Ordinal);
        var channel = await client.GetJsonAsync($"/api/v1/channels/{id}");
        Assert.Equal("Gate B warnings", channel.GetProperty("name").GetString());
        Assert.Equal(["alert.started", "camera.offline"], channel.GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal([gateB], channel.GetProperty("videoIds").EnumerateArray().Select(v => v.GetInt64()));
        Assert.Equal("warning", channel.GetProperty("minLevel").GetString());
        Assert.Equal("http://127.0.0.1:5549/hook", channel.GetProperty("url").GetString()); // the address stays
        var sent = await AlertEventsAsync([(gateA, "critical"), (gateB, "warning")]);
        Assert.Equal([sent[1]], await DeliveredEventsAsync(id, sent));

        // Nothing ticked: every camera again, any level.
        var widened = await PostAsync(client, $"/Settings/Notifications/{id}/Change", [("Change.Name", "Everything"), ("Change.Events", "alert.started"), ("Change.MinLevel", "")]);
        Assert.Equal(HttpStatusCode.OK, widened.StatusCode);
        channel = await client.GetJsonAsync($"/api/v1/channels/{id}");
        Assert.Equal(JsonValueKind.Null, channel.GetProperty("videoIds").ValueKind);
        Assert.Equal(JsonValueKind.Null, channel.GetProperty("minLevel").ValueKind);
    }

    [Fact]
    public async Task ChangingAChannel_ToNoEventsOrAnotherUsersCamera_Is400_AndAnotherUsersChannel404()
    {
        using var owner = portal.Factory.CreatePortalClient();
        await owner.RegisterNewUserAsync();
        var (id, _) = await owner.CreateWebhookAsync("http://127.0.0.1:5549/hook", ["alert.started"], "Mine");
        using var other = portal.Factory.CreatePortalClient();
        await other.RegisterNewUserAsync();
        long theirs = await other.AddIpCameraAsync("Their gate", "rtsp://10.0.0.7/t");

        var noEvents = await PostAsync(owner, $"/Settings/Notifications/{id}/Change", [("Change.Name", "Mine")]);
        Assert.Equal(HttpStatusCode.BadRequest, noEvents.StatusCode);
        Assert.Contains("Choose at least one event", await noEvents.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var notMine = await PostAsync(owner, $"/Settings/Notifications/{id}/Change",
            [("Change.Name", "Mine"), ("Change.Events", "alert.started"), ("Change.VideoIds", theirs.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
        Assert.Equal(HttpStatusCode.BadRequest, notMine.StatusCode);
        Assert.Contains("not yours", await notMine.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var unknownEvent = await PostAsync(owner, $"/Settings/Notifications/{id}/Change", [("Change.Name", "Mine"), ("Change.Events", "alert.exploded")]);
        Assert.Equal(HttpStatusCode.BadRequest, unknownEvent.StatusCode);
        Assert.Contains("Choose at least one event", await unknownEvent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var badLevel = await PostAsync(owner, $"/Settings/Notifications/{id}/Change", [("Change.Name", "Mine"), ("Change.Events", "alert.started"), ("Change.MinLevel", "normal")]);
        Assert.Equal(HttpStatusCode.BadRequest, badLevel.StatusCode);
        Assert.Contains("The minimum level is warning or critical", await badLevel.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var longName = await PostAsync(owner, $"/Settings/Notifications/{id}/Change", [("Change.Name", new string('n', 65)), ("Change.Events", "alert.started")]);
        Assert.Equal(HttpStatusCode.BadRequest, longName.StatusCode);
        Assert.Contains("a name of 1 to 64 characters", await longName.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var stranger = await PostAsync(other, $"/Settings/Notifications/{id}/Change", [("Change.Name", "Taken"), ("Change.Events", "alert.started")]);
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);

        var channel = await owner.GetJsonAsync($"/api/v1/channels/{id}");
        Assert.Equal("Mine", channel.GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.Null, channel.GetProperty("videoIds").ValueKind);
    }

    /// <summary>A form post with repeated fields (ticked checkboxes), with the page's antiforgery token.</summary>
    private static async Task<HttpResponseMessage> PostAsync(PortalClient client, string path, (string Name, string Value)[] fields)
    {
        string token = await client.GetAntiforgeryTokenAsync("/Settings/Notifications");
        var all = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new("__RequestVerificationToken", token));
        return await client.Http.PostAsync(path, new FormUrlEncodedContent(all));
    }

    /// <summary>An alert.started event per (camera, level) in the outbox, as the alert writer adds them; their ids.</summary>
    private async Task<List<long>> AlertEventsAsync((long Camera, string Level)[] alerts)
    {
        using var scope = portal.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
        var events = scope.ServiceProvider.GetRequiredService<NotificationEvents>();
        var rows = new List<NotificationEvent>();
        foreach (var (camera, level) in alerts)
        {
            var video = await db.Videos.AsNoTracking().SingleAsync(v => v.Id == camera);
            var alert = new AlertRecord { VideoId = camera, ZoneId = "door", Label = "Door", TsStart = 1, Level = AlertLevelNames.Parse(level), PeakValue = 9, Unit = "people" };
            rows.Add(events.ForAlert(NotificationEventTypes.AlertStarted, EventSubject.From(video), alert));
        }

        db.NotificationOutbox.AddRange(rows);
        await db.SaveChangesAsync();
        return rows.Select(r => r.Id).ToList();
    }

    /// <summary>Once the sender has fanned <paramref name="sent"/> out: which of them have a delivery for the channel.</summary>
    private async Task<List<long>> DeliveredEventsAsync(long channelId, List<long> sent)
    {
        using var scope = portal.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await db.NotificationOutbox.AnyAsync(e => sent.Contains(e.Id) && e.DispatchedAt == null))
        {
            Assert.True(DateTime.UtcNow < deadline, "the events were not dispatched");
            await Task.Delay(100);
        }

        return await db.NotificationDeliveries.Where(d => d.ChannelId == channelId && sent.Contains(d.EventId)).Select(d => d.EventId).OrderBy(e => e).ToListAsync();
    }

    [GeneratedRegex("id=\"new-channel-secret\">(?<s>[^<]+)<")]
    private static partial Regex NewSecret();
}
