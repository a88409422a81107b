using System.Net;
using CrowdPortal.Web.Tests.Infrastructure;

namespace CrowdPortal.Web.Tests.Notifications;

/// <summary>
/// Settings → Notifications, MQTT: a channel made with the form is listed with its broker and connection state (here,
/// connected to the test broker) and never with its password; a refused broker is a 400 with the reason, and the
/// password typed is not written back into the page.
/// </summary>
public sealed class MqttNotificationsPageTests(SqlitePortal portal) : IClassFixture<SqlitePortal>
{
    private const string Password = "page-pass-Jq72x";

    [Fact]
    public async Task CreatingAnMqttChannel_ListsItsBrokerAndConnection_NeverItsPassword()
    {
        var (host, port) = MqttProbe.Broker;
        string prefix = MqttDeliveryTests.NewPrefix();
        using var client = portal.Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        var created = await client.PostFormAsync("/Settings/Notifications/CreateMqtt", new Dictionary<string, string>
        {
            ["Mqtt.Name"] = "Home Assistant",
            ["Mqtt.Host"] = host,
            ["Mqtt.Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mqtt.Username"] = "crowd",
            ["Mqtt.Password"] = Password,
            ["Mqtt.TopicPrefix"] = prefix,
            ["Mqtt.Events"] = "alert.started",
        }, "/Settings/Notifications");
        string html = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.OK, html);
        Assert.Contains("MQTT channel Home Assistant created", html, StringComparison.Ordinal);

        var channel = Assert.Single((await client.GetJsonAsync("/api/v1/channels")).EnumerateArray());
        long id = channel.GetProperty("id").GetInt64();
        // mosquitto here is anonymous: it accepts the user name and password.
        await client.WaitForChannelAsync(id, c => c.GetProperty("connection").GetString()!.StartsWith("connected", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60), "connected");
        string page = await client.Http.GetStringAsync("/Settings/Notifications");
        Assert.Contains($"{host}:{port}", page, StringComparison.Ordinal);
        Assert.Contains(prefix + "/", page, StringComparison.Ordinal);
        Assert.Contains($"connected to {host}:{port}", page, StringComparison.Ordinal);
        foreach (string text in (string[])[html, page, string.Join('\n', portal.Factory.Logs.Lines)])
        {
            Assert.DoesNotContain(Password, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ARefusedBroker_Is400_WithTheReason_AndThePasswordIsNotWrittenBack()
    {
        using var client = portal.Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        var refused = await client.PostFormAsync("/Settings/Notifications/CreateMqtt", new Dictionary<string, string>
        {
            ["Mqtt.Name"] = "Metadata",
            ["Mqtt.Host"] = "169.254.169.254",
            ["Mqtt.Username"] = "crowd",
            ["Mqtt.Password"] = Password,
            ["Mqtt.TopicPrefix"] = "crowd",
            ["Mqtt.Events"] = "alert.started",
        }, "/Settings/Notifications");
        string html = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("link-local", html, StringComparison.Ordinal);
        Assert.Contains("169.254.169.254", html, StringComparison.Ordinal); // the form keeps what was typed…
        Assert.DoesNotContain(Password, html, StringComparison.Ordinal); // …but the password
        Assert.Empty((await client.GetJsonAsync("/api/v1/channels")).EnumerateArray());
    }
}
