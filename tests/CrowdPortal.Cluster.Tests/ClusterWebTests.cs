using System.Net;
using System.Text.Json;
using CrowdPortal.Tests.Shared;

namespace CrowdPortal.Cluster.Tests;

/// <summary>Web nodes side by side, the health endpoints, the node list and the job dashboard in cluster mode.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterWebTests(ClusterFixture cluster)
{
    [Fact]
    public async Task TwoWebNodes_AcceptEachOthersCookieAndAntiforgeryToken()
    {
        var second = cluster.StartNode("web-2", "web");
        await second.WaitReadyAsync(TimeSpan.FromSeconds(120));
        using var user = new NodeClient();
        await user.RegisterAsync(cluster.Web, "visitor-" + Guid.NewGuid().ToString("N")[..8]);

        // Signed in by web-1; its cookie opens a page on web-2.
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync(second, "/Videos")).StatusCode);
        // A form token issued by web-1, posted to web-2: a state change that needs both the cookie and the token.
        string token = await user.AntiforgeryTokenAsync(cluster.Web, "/Settings");
        var created = await user.CreateApiTokenAsync(second, tokenFrom: token);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.StartsWith("cpt_", user.ApiToken);
        // And the other way round, for the upload API's header token.
        string pageToken = await user.AntiforgeryTokenAsync(second, "/Videos");
        using var request = new HttpRequestMessage(HttpMethod.Post, cluster.Web.BaseUrl + "/api/v1/videos")
        {
            Content = new MultipartFormDataContent { { new ByteArrayContent(await File.ReadAllBytesAsync(RepoPaths.SampleVideo)), "file", "vtest.avi" } },
        };
        request.Headers.Add("RequestVerificationToken", pageToken);
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = user.Cookies });
        Assert.Equal(HttpStatusCode.Created, (await http.SendAsync(request)).StatusCode);
        await second.DisposeAsync();
    }

    [Fact]
    public async Task EveryNode_AnswersHealthAnonymously_AndAWorkerServesNothingElse()
    {
        using var anonymous = new HttpClient();
        foreach (var node in cluster.Workers.Values.Append(cluster.Web))
        {
            Assert.Equal("Healthy", await anonymous.GetStringAsync(node.BaseUrl + "/healthz"));
            Assert.Equal("Healthy", await anonymous.GetStringAsync(node.BaseUrl + "/healthz/ready"));
        }

        var worker = cluster.Workers.Values.First();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(worker.BaseUrl + "/Account/Login")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(worker.BaseUrl + "/api/v1/videos")).StatusCode);
    }

    [Fact]
    public async Task AdminStatus_ListsEveryLiveNodeWithItsRole()
    {
        var status = await cluster.Admin.ApiJsonAsync(cluster.Web, "/api/v1/admin/status");
        var nodes = status.GetProperty("nodes").EnumerateArray().ToDictionary(n => n.GetProperty("name").GetString()!, n => n);

        Assert.Equal("web", nodes[cluster.Web.Name].GetProperty("role").GetString());
        foreach (var worker in cluster.Workers.Keys)
        {
            Assert.Equal("worker", nodes[worker].GetProperty("role").GetString());
            Assert.Equal(JsonValueKind.Array, nodes[worker].GetProperty("cameras").ValueKind);
        }
    }

    [Fact]
    public async Task JobDashboard_IsForTheAdministratorOnly()
    {
        Assert.Equal(HttpStatusCode.OK, (await cluster.Admin.GetAsync(cluster.Web, "/admin/jobs")).StatusCode);
        using var other = new NodeClient();
        await other.RegisterAsync(cluster.Web, "other-" + Guid.NewGuid().ToString("N")[..8]);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync(cluster.Web, "/admin/jobs")).StatusCode);
        using var anonymous = new NodeClient();
        var response = await anonymous.GetAsync(cluster.Web, "/admin/jobs");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClusterModeOnSqlite_StopsStartUp_WithOneSentence()
    {
        await using var node = PortalNode.Start("sqlite-node", new Dictionary<string, string>
        {
            ["ConnectionStrings:Redis"] = cluster.Redis,
            ["Database:Provider"] = "Sqlite",
        });

        Assert.True(await node.WaitForExitAsync(TimeSpan.FromSeconds(60)), "The node kept running on SQLite in cluster mode.");
        Assert.Equal(1, node.ExitCode);
        Assert.Contains("Cluster mode (ConnectionStrings:Redis is set) needs a database every node can reach", node.Log, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", node.Log, StringComparison.Ordinal);
    }
}
