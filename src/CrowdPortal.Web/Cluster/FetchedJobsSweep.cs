using Hangfire;
using Hangfire.Server;

namespace CrowdPortal.Web.Cluster;

/// <summary>
/// Runs the Redis job storage's own fetched-jobs watcher every few seconds instead of once a minute. That watcher is
/// what gives the job of a dead worker (one Hangfire's watchdog has removed for missing heartbeats) to another worker;
/// its one-minute pause is fixed inside the library, which would make a failover take up to a minute longer. The
/// decision which job goes back stays the library's; this only runs its pass more often (it takes a Redis lock per
/// queue, so workers running it together do not interfere).
/// </summary>
internal sealed class FetchedJobsSweep(JobStorage storage, ILogger<FetchedJobsSweep> logger) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(5);

    // The Redis storage's component that re-queues the jobs of dead workers (Hangfire.Redis.StackExchange 1.12).
    private const string WatcherTypeName = "FetchedJobsWatcher";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
#pragma warning disable CS0618 // IServerComponent is how this storage exposes the watcher
        var watcher = storage.GetComponents().FirstOrDefault(c => c.GetType().Name == WatcherTypeName);
        if (watcher is null)
        {
            logger.LogWarning("The job storage has no {Watcher}; the jobs of dead workers come back at the storage's own pace", WatcherTypeName);
            return;
        }

        // A cancelled token: the pass runs in full, then its built-in one-minute pause returns at once.
        using var noPause = new CancellationTokenSource();
        await noPause.CancelAsync();
        using var timer = new PeriodicTimer(Every);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await Task.Run(() => watcher.Execute(noPause.Token), stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogDebug(ex, "The fetched-jobs pass failed; trying again in {Every}", Every);
            }
        }
#pragma warning restore CS0618
    }
}
