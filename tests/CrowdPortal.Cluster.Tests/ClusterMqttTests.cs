using System.Net;
using System.Text;
using System.Text.Json;
using CrowdPortal.Web.Tests.Notifications;

namespace CrowdPortal.Cluster.Tests;

/// <summary>
/// An MQTT channel in a cluster: one worker holds its broker connection; when that worker's process is killed (SIGKILL,
/// no chance to say goodbye), the broker publishes the channel's last will, <c>offline</c> on &lt;prefix&gt;/available,
/// and once the dead worker's claim lapses the other worker connects and says <c>online</c> again.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterMqttTests(ClusterFixture cluster)
{
    [Fact]
    public async Task KillingTheWorkerHoldingTheConnection_PublishesTheLastWill_AndAnotherWorkerTakesOver()
    {
        var (host, port) = MqttProbe.Broker;
        string prefix = "cp-cluster/" + Guid.NewGuid().ToString("N")[..10];
        string available = prefix + "/available";
        await using var probe = await MqttProbe.StartAsync(available);
        var created = await cluster.Admin.ApiAsync(cluster.Web, HttpMethod.Post, "/api/v1/channels", new StringContent(
            JsonSerializer.Serialize(new { kind = "mqtt", name = "HA", host, port, topicPrefix = prefix, events = new[] { "alert.started" } }),
            Encoding.UTF8, "application/json"));
        string text = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == HttpStatusCode.Created, text);
        long id = JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt64();

        await probe.WaitForAsync(_ => probe.Latest(available) == "online", TimeSpan.FromSeconds(60), "online");
        string holder = await HolderAsync(id);
        Assert.Contains(holder, cluster.Workers.Keys); // a worker, never the web node
        var mine = probe.Messages.Count;

        cluster.Workers[holder].Kill();
        await probe.WaitForAsync(m => m.Skip(mine).Any(x => x.Topic == available && x.Payload == "offline"), TimeSpan.FromSeconds(30),
            "offline by the last will");

        // The claim lapses (Notifications:ClaimSeconds, 15 s) and the other worker connects.
        int afterWill = probe.Messages.Count;
        await probe.WaitForAsync(m => m.Skip(afterWill).Any(x => x.Topic == available && x.Payload == "online"), TimeSpan.FromSeconds(120),
            "online again from the other worker");
        string next = await HolderAsync(id, notNode: holder); // the state names the new holder once it has written it
        Assert.NotEqual(holder, next);
        Assert.Contains(next, cluster.Workers.Keys);

        Assert.Equal(HttpStatusCode.NoContent, (await cluster.Admin.ApiAsync(cluster.Web, HttpMethod.Delete, $"/api/v1/channels/{id}")).StatusCode);
        await cluster.ReplaceWorkerAsync(holder);
    }

    /// <summary>The node named in the channel's connection state ("connected to … (node worker-a-2)"), other than <paramref name="notNode"/>.</summary>
    private async Task<string> HolderAsync(long id, string? notNode = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        string connection = string.Empty;
        while (DateTime.UtcNow < deadline)
        {
            connection = (await cluster.Admin.ApiJsonAsync(cluster.Web, $"/api/v1/channels/{id}")).GetProperty("connection").GetString() ?? string.Empty;
            int start = connection.LastIndexOf("(node ", StringComparison.Ordinal) + "(node ".Length;
            if (connection.StartsWith("connected", StringComparison.Ordinal) && connection[start..^1] != notNode)
            {
                return connection[start..^1];
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The channel was not connected: " + connection);
    }
}
