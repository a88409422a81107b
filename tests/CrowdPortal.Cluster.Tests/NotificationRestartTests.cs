using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CrowdPortal.Tests.Shared;
using CrowdPortal.Web.Tests.Notifications;
using MySqlConnector;
using Xunit.Abstractions;

namespace CrowdPortal.Cluster.Tests;

/// <summary>
/// The portal SIGKILLed in the middle of a webhook attempt, with more events waiting: the process that starts next on
/// the same database frees the channel claim the dead one held and delivers every event, each with the webhook-id it
/// was first tried with, without waiting for the claim to lapse. One portal process (no Redis) on its own database of
/// the test MariaDB, so no other node can step in.
/// </summary>
public sealed class NotificationRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private readonly string _workDir = Directory.CreateTempSubdirectory("crowdportal-notify-").FullName;
    private readonly string _database = "cp_test_" + Guid.NewGuid().ToString("N")[..12];
    private string _mysqlAdmin = string.Empty;

    public async Task InitializeAsync()
    {
        _mysqlAdmin = Environment.GetEnvironmentVariable(ClusterFixture.MySqlVariable)
            ?? throw new InvalidOperationException($"{ClusterFixture.MySqlVariable} is not set: run the tests with scripts/test.sh, which starts MariaDB and sets it.");
        await ExecuteAsync($"CREATE DATABASE `{_database}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    }

    [Fact]
    public async Task AppKilledMidAttempt_WithEventsWaiting_NextStartDeliversThemAll_WithoutWaitingForTheClaim()
    {
        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = "MySql",
            ["ConnectionStrings:MySql"] = Connection(),
            ["Storage:UploadsPath"] = Path.Combine(_workDir, "uploads"),
            ["Storage:KeysPath"] = Path.Combine(_workDir, "keys"), // the restarted process decrypts the channel's secret
            ["Analysis:ModelsPath"] = Path.Combine(RepoPaths.Root, "models"),
            ["RateLimiting:AuthPermitLimit"] = "1000",
            ["Notifications:AllowPrivateNetworks"] = "true",
            ["Notifications:PollMilliseconds"] = "100",
            ["Notifications:InitialBackoffSeconds"] = "0.2",
            ["Notifications:MaxBackoffSeconds"] = "1",
            // The attempt hangs until the kill; a claim that only lapsed would hold the channel for 5 minutes.
            ["Notifications:TimeoutSeconds"] = "300",
            ["Notifications:ClaimSeconds"] = "300",
        };
        await using var receiver = new WebhookReceiver { Hang = true };
        await receiver.StartAsync();
        using var user = new NodeClient();
        await using var first = PortalNode.Start("notify-first", settings);
        await first.WaitReadyAsync(StartTimeout);
        await user.RegisterAsync(first, "owner");
        await user.CreateApiTokenAsync(first);
        var created = await user.ApiAsync(first, HttpMethod.Post, "/api/v1/channels",
            JsonContent.Create(new { kind = "webhook", name = "receiver", url = receiver.Url, events = new[] { "alert.started" } }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var channel = await created.Content.ReadFromJsonAsync<JsonElement>();
        long id = channel.GetProperty("id").GetInt64();
        string secret = channel.GetProperty("secret").GetString()!;
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await user.ApiAsync(first, HttpMethod.Post, $"/api/v1/channels/{id}/test")).StatusCode);
        }

        var hung = Assert.Single(await receiver.WaitForAsync(r => r.Count >= 1, Wait, "the first attempt"));
        Assert.NotNull(await ClaimedByAsync(id)); // the process about to die holds the channel

        first.Kill();
        var killedAt = DateTime.UtcNow;
        receiver.Hang = false;
        await using var second = PortalNode.Start("notify-second", settings);
        await second.WaitReadyAsync(StartTimeout);
        var readyAt = DateTime.UtcNow;
        var all = await receiver.WaitForAsync(r => r.Count(x => x.Status == 200) >= 3, Wait, "the three events after the restart");
        var accepted = all.Where(r => r.Status == 200).ToList();
        output.WriteLine($"killed → ready {(readyAt - killedAt).TotalSeconds:0.0} s, ready → all delivered {(accepted.Max(r => r.ReceivedAt) - readyAt).TotalSeconds:0.0} s");

        Assert.Equal(3, accepted.Count);
        Assert.Equal(3, accepted.Select(r => r.Id).Distinct().Count());
        Assert.Contains(accepted, r => r.Id == hung.Id && r.Body == hung.Body); // the interrupted attempt again, same id
        Assert.All(accepted, r => Assert.True(WebhookReceiver.SignatureIsValid(secret, r), "signature of " + r.Id));
        Assert.True(accepted.Max(r => r.ReceivedAt) - readyAt < TimeSpan.FromSeconds(30), "delivery waited for the dead process's claim");
        Assert.Contains("freed 1 channel claims", second.Log, StringComparison.Ordinal);
        await WaitForAsync(async () => await ClaimedByAsync(id) is null, "the claim released after the turn");
    }

    public async Task DisposeAsync()
    {
        MySqlConnection.ClearAllPools();
        await ExecuteAsync($"DROP DATABASE IF EXISTS `{_database}`");
        Directory.Delete(_workDir, recursive: true);
    }

    private string Connection() => new MySqlConnectionStringBuilder(_mysqlAdmin) { Database = _database }.ConnectionString;

    private async Task<string?> ClaimedByAsync(long channelId)
    {
        await using var connection = new MySqlConnection(Connection());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT claimed_by FROM notification_channels WHERE id = @id";
        command.Parameters.AddWithValue("@id", channelId);
        return await command.ExecuteScalarAsync() as string;
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Timed out waiting for " + what);
            }

            await Task.Delay(200);
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new MySqlConnection(_mysqlAdmin);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
