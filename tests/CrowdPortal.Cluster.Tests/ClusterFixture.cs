using CrowdPortal.Tests.Shared;
using CrowdPortal.Vision.Models;
using MySqlConnector;
using StackExchange.Redis;

namespace CrowdPortal.Cluster.Tests;

/// <summary>
/// A small installation in cluster mode, all real: one web node and two workers (separate processes of the portal's
/// binary) on a fresh database of the test MariaDB and on the test Redis (emptied first), sharing one uploads folder
/// as the docker-compose volume does. The first account registered, the administrator, is <see cref="Admin"/>.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const string RedisVariable = "CROWDPORTAL_TEST_REDIS";
    public const string MySqlVariable = "CROWDPORTAL_TEST_MYSQL";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly string _workDir = Directory.CreateTempSubdirectory("crowdportal-cluster-").FullName;
    private readonly List<PortalNode> _nodes = [];
    private string _mysqlAdmin = string.Empty;
    private string _database = string.Empty;
    private int _started;

    public string Redis { get; private set; } = string.Empty;

    public Dictionary<string, string> Settings { get; } = [];

    public PortalNode Web { get; private set; } = null!;

    public Dictionary<string, PortalNode> Workers { get; } = [];

    public NodeClient Admin { get; } = new();

    public async Task InitializeAsync()
    {
        Redis = Environment.GetEnvironmentVariable(RedisVariable)
            ?? throw new InvalidOperationException($"{RedisVariable} is not set: run the tests with scripts/test.sh, which starts Redis and sets it.");
        _mysqlAdmin = Environment.GetEnvironmentVariable(MySqlVariable)
            ?? throw new InvalidOperationException($"{MySqlVariable} is not set: run the tests with scripts/test.sh, which starts MariaDB and sets it.");
        await FlushRedisAsync();
        _database = "cp_test_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync($"CREATE DATABASE `{_database}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");

        Settings["Database:Provider"] = "MySql";
        Settings["ConnectionStrings:MySql"] = new MySqlConnectionStringBuilder(_mysqlAdmin) { Database = _database }.ConnectionString;
        Settings["ConnectionStrings:Redis"] = Redis;
        Settings["Storage:UploadsPath"] = Path.Combine(_workDir, "uploads");
        Settings["Analysis:ModelsPath"] = CheckedModels(Path.Combine(RepoPaths.Root, "models"));
        // Every other frame: the same rows per zone and second, at half the CPU (the tests share a small machine).
        Settings["Analysis:FrameStride"] = "2";
        Settings["RateLimiting:AuthPermitLimit"] = "1000";
        // The cameras' fallback re-read of zones and privacy every 10 minutes: what reaches a camera within the tests
        // came by the Redis notification.
        Settings["Cameras:ZoneCheckSeconds"] = "600";

        Web = StartNode("web-1", "web");
        var workerA = StartNode("worker-a", "worker");
        var workerB = StartNode("worker-b", "worker");
        await Task.WhenAll(Web.WaitReadyAsync(StartTimeout), workerA.WaitReadyAsync(StartTimeout), workerB.WaitReadyAsync(StartTimeout));
        Workers[workerA.Name] = workerA;
        Workers[workerB.Name] = workerB;

        await Admin.RegisterAsync(Web, "admin");
        await Admin.CreateApiTokenAsync(Web);
    }

    /// <summary>
    /// <paramref name="modelsDir"/> when it holds the current import of the default detector; otherwise the fixture
    /// refuses to start, as the web and E2E fixtures do: an empty models/ would let every node fall back to HOG, and a
    /// stale one would test a model users no longer get, while most cluster tests still passed.
    /// </summary>
    public static string CheckedModels(string modelsDir) =>
        DefaultModels.DefaultDetectorProblem(modelsDir) is { } problem
            ? throw new InvalidOperationException(problem + " Run scripts/setup.sh, which imports it.")
            : modelsDir;

    /// <summary>Starts another node of this installation (not waited for).</summary>
    public PortalNode StartNode(string name, string role, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var settings = new Dictionary<string, string>(Settings) { ["Cluster:Role"] = role };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        var node = PortalNode.Start($"{name}-{Interlocked.Increment(ref _started)}", settings);
        lock (_nodes)
        {
            _nodes.Add(node);
        }

        return node;
    }

    /// <summary>Replaces a killed worker with a fresh one, so the next test again has two.</summary>
    public async Task ReplaceWorkerAsync(string name)
    {
        Workers.Remove(name);
        var fresh = StartNode("worker-c", "worker");
        await fresh.WaitReadyAsync(StartTimeout);
        Workers[fresh.Name] = fresh;
    }

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        Admin.Dispose();
        MySqlConnection.ClearAllPools();
        if (_database.Length > 0)
        {
            await ExecuteAsync($"DROP DATABASE IF EXISTS `{_database}`");
        }

        await FlushRedisAsync();
        try
        {
            Directory.Delete(_workDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Every node's output, for a failure message.</summary>
    public string Logs() => string.Join("\n", _nodes.Select(n => $"===== {n.Name}\n{n.Log}"));

    private async Task FlushRedisAsync()
    {
        var options = ConfigurationOptions.Parse(Redis);
        options.AllowAdmin = true;
        await using var redis = await ConnectionMultiplexer.ConnectAsync(options);
        foreach (var server in redis.GetServers())
        {
            await server.FlushAllDatabasesAsync();
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

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
