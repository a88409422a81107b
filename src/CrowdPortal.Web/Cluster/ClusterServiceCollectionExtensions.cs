using CrowdPortal.Web.Analysis;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.InMemory;
using Hangfire.Redis.StackExchange;
using Medallion.Threading.Redis;
using Microsoft.AspNetCore.DataProtection;
using StackExchange.Redis;

namespace CrowdPortal.Web.Cluster;

/// <summary>
/// What differs between the single-process portal and a cluster node: where jobs are queued (Hangfire in memory, or in
/// Redis), where the keys that sign cookies live (a folder, or Redis), how hub messages and camera changes reach the
/// other parts (this process, or Redis: the SignalR backplane and pub/sub), and which background work this node runs
/// (its <see cref="ClusterRole"/>).
/// </summary>
internal static class ClusterServiceCollectionExtensions
{
    /// <summary>The Hangfire queue of upload analyses.</summary>
    public const string AnalysisQueue = "analysis";

    /// <summary>Prefix of every Redis key and channel the portal uses, so one Redis can serve other things too.</summary>
    public const string RedisPrefix = "crowdportal:";

    // Dead-node detection: a worker that stops beating for ServerTimeout is removed by the others' watchdogs, and the
    // storage's fetched-jobs watcher (run every 5 s by FetchedJobsSweep) then puts its running job back in the queue.
    // Hangfire's defaults (5 min + 5 min, and a watcher pass a minute) would make a failover take over 10 minutes.
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan ServerTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan ServerCheck = TimeSpan.FromSeconds(3);

    // A fetched job whose worker is alive is put back only after this long, so it must outlast the longest analysis
    // (a dead worker's job comes back through the dead-node detection above, not through this timeout).
    private static readonly TimeSpan InvisibilityTimeout = TimeSpan.FromHours(12);

    public static IServiceCollection AddCrowdPortalCluster(this IServiceCollection services, ClusterNode node, IConfiguration configuration, IWebHostEnvironment environment)
    {
        services.AddSingleton(node);
        services.AddSingleton<LocalWork>();
        services.AddCrowdPortalHealth(node);
        var dataProtection = services.AddDataProtection().SetApplicationName("CrowdPortal");
        var signalR = services.AddSignalR();

        if (node.IsCluster)
        {
            var options = ConfigurationOptions.Parse(node.RedisConnectionString!);
            options.AbortOnConnectFail = false; // start and keep retrying while Redis is away; /healthz/ready says so
            var redis = ConnectionMultiplexer.Connect(options);
            services.AddSingleton<IConnectionMultiplexer>(redis);

            // Every node signs and reads cookies, antiforgery tokens and camera URLs with the same keys.
            dataProtection.PersistKeysToStackExchangeRedis(redis, RedisPrefix + "data-protection-keys");
            signalR.AddStackExchangeRedis(o =>
            {
                o.Configuration.ChannelPrefix = RedisChannel.Literal(RedisPrefix + "signalr");
                o.ConnectionFactory = _ => Task.FromResult<IConnectionMultiplexer>(redis);
            });
            services.AddSingleton<JobStorage>(_ => new RedisStorage(redis, new RedisStorageOptions
            {
                Prefix = "{" + RedisPrefix + "hangfire}:",
                InvisibilityTimeout = InvisibilityTimeout,
            }));
            services.AddSingleton<NodeDirectory, RedisNodeDirectory>();
            services.AddHostedService<NodeDirectoryHostedService>();

            // Zone and privacy edits reach running cameras on every node; their live figures reach every web node.
            services.AddSingleton<RedisCameraChanges>();
            services.AddSingleton<Cameras.CameraChanges>(sp => sp.GetRequiredService<RedisCameraChanges>());
            services.AddHostedService(sp => sp.GetRequiredService<RedisCameraChanges>());
            services.AddSingleton<RedisCameraLiveFigures>();
            services.AddSingleton<Cameras.CameraLiveFigures>(sp => sp.GetRequiredService<RedisCameraLiveFigures>());
            services.AddHostedService<CameraFiguresHostedService>();
        }
        else
        {
            // Keys on disk so sessions survive a restart.
            string keys = Path.GetFullPath(configuration["Storage:KeysPath"] ?? "data/keys", environment.ContentRootPath);
            dataProtection.PersistKeysToFileSystem(Directory.CreateDirectory(keys));
            // One way jobs run in both modes: the same Hangfire job, kept in this process's memory. The video row is the
            // durable record; AnalysisRecovery queues again what a restart interrupted.
            services.AddSingleton<JobStorage>(_ => new InMemoryStorage(new InMemoryStorageOptions()));
            services.AddSingleton<NodeDirectory, LocalNodeDirectory>();
            services.AddSingleton<Cameras.CameraChanges, Cameras.LocalCameraChanges>();
            services.AddSingleton<Cameras.CameraLiveFigures>();
        }

        // Hangfire's configuration is process-wide (static). What must belong to one host — the storage and the activator
        // that builds jobs from this host's services — is registered per host and handed to the client, server and
        // dashboard explicitly, so test hosts in one process never share jobs or a disposed container.
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((sp, c) =>
        {
            HangfireLogBridge.Instance.Attach(sp.GetRequiredService<ILoggerFactory>());
            c.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings()
                .UseLogProvider(HangfireLogBridge.Instance);
        });
        if (node.RunsWork)
        {
            int workers = Math.Max(1, configuration.GetValue($"{AnalysisSettings.SectionName}:MaxConcurrent", 1));
            services.AddHangfireServer((sp, o) =>
            {
                o.ServerName = node.Name;
                o.Activator = sp.GetRequiredService<JobActivator>();
                o.WorkerCount = workers;
                o.Queues = [AnalysisQueue];
                o.CancellationCheckInterval = TimeSpan.FromSeconds(1); // Cancel on any web node stops the job within a second or two
                o.HeartbeatInterval = Heartbeat;
                o.ServerTimeout = ServerTimeout;
                o.ServerCheckInterval = ServerCheck;
            });
            services.AddHostedService<AnalysisRecovery>();
            if (node.IsCluster)
            {
                services.AddHostedService<FetchedJobsSweep>();
                services.AddHostedService<Cameras.CameraLeaseHostedService>();
            }
        }

        return services;
    }

    /// <summary>
    /// Applies the migrations; in cluster mode under a Redis lock, so nodes starting together never migrate at once.
    /// </summary>
    public static async Task MigrateDatabaseAsync(this WebApplication app, Func<IServiceProvider, Task> migrate)
    {
        var node = app.Services.GetRequiredService<ClusterNode>();
        if (!node.IsCluster)
        {
            await migrate(app.Services);
            return;
        }

        var redis = app.Services.GetRequiredService<IConnectionMultiplexer>();
        var gate = new RedisDistributedLock(RedisPrefix + "migrations", redis.GetDatabase());
        await using (await gate.AcquireAsync(TimeSpan.FromMinutes(5)))
        {
            await migrate(app.Services);
        }
    }
}
