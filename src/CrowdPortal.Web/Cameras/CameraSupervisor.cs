using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using CrowdPortal.Web.Cluster;
using Microsoft.EntityFrameworkCore;

namespace CrowdPortal.Web.Cameras;

/// <summary>
/// Keeps one running analysis per enabled IP camera in this process: starts and stops them on request, starts every
/// enabled camera when the single-process portal starts (waiting for the database if it is not up yet), and stops them
/// all at shutdown. In cluster mode the cameras a worker runs are the ones it leases (<see cref="CameraLeaseHostedService"/>).
/// </summary>
public sealed class CameraSupervisor(CameraAnalysisRunner runner, ClusterNode node, IServiceScopeFactory scopes, ILogger<CameraSupervisor> logger) : BackgroundService
{
    private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(15);

    private readonly Dictionary<long, Running> _running = [];
    private readonly object _gate = new();

    private sealed record Running(Task Task, CancellationTokenSource Stop);

    public bool IsRunning(long cameraId)
    {
        lock (_gate)
        {
            return _running.ContainsKey(cameraId);
        }
    }

    /// <summary>The cameras this process analyses now.</summary>
    public long[] RunningCameraIds()
    {
        lock (_gate)
        {
            return [.. _running.Keys.Order()];
        }
    }

    /// <summary>
    /// A user started or stopped the camera (its Enabled flag is already saved). The single-process portal acts at once;
    /// in cluster mode the workers' leases follow the flag within a few seconds, wherever the request arrived.
    /// </summary>
    public async Task ApplyEnabledAsync(long cameraId, bool enabled)
    {
        if (node.IsCluster)
        {
            return;
        }

        if (enabled)
        {
            Start(cameraId);
        }
        else
        {
            await StopAsync(cameraId);
        }
    }

    /// <summary>Starts analysing the camera unless it already runs.</summary>
    public void Start(long cameraId)
    {
        lock (_gate)
        {
            if (_running.ContainsKey(cameraId))
            {
                return;
            }

            var stop = new CancellationTokenSource();
            runner.Prepare(cameraId);
            var task = Task.Run(() => runner.RunAsync(cameraId, stop.Token), CancellationToken.None);
            _running[cameraId] = new Running(task, stop);
            _ = task.ContinueWith(_ => Forget(cameraId, task), TaskScheduler.Default);
        }
    }

    /// <summary>Stops the camera's analysis and waits until its buffered results are stored (or given up).</summary>
    public async Task StopAsync(long cameraId)
    {
        Running? running;
        lock (_gate)
        {
            _running.TryGetValue(cameraId, out running);
        }

        if (running is not null)
        {
            await running.Stop.CancelAsync();
            await running.Task.WaitAsync(StopWait).ContinueWith(_ => { }, TaskScheduler.Default);
            if (running.Task.IsCompleted)
            {
                // The continuation that forgets an ended runner may not have run yet: a stopped camera is not running
                // from the moment the stop returns, so a start right after it starts afresh.
                Forget(cameraId, running.Task);
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (node.IsCluster)
        {
            return; // the camera leases decide which worker runs what
        }

        List<long> enabled;
        while (true)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
                enabled = await db.Videos.AsNoTracking().Where(v => v.SourceKind == VideoSourceKind.Camera && v.Enabled)
                    .Select(v => v.Id).ToListAsync(stoppingToken);
                break;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Cannot list the enabled cameras yet; retrying");
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }

        foreach (long id in enabled)
        {
            Start(id);
        }

        if (enabled.Count > 0)
        {
            logger.LogInformation("Started {Count} enabled cameras", enabled.Count);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        Running[] all;
        lock (_gate)
        {
            all = [.. _running.Values];
        }

        foreach (var running in all)
        {
            await running.Stop.CancelAsync();
        }

        await Task.WhenAll(all.Select(r => r.Task)).WaitAsync(StopWait, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private void Forget(long cameraId, Task task)
    {
        lock (_gate)
        {
            if (_running.TryGetValue(cameraId, out var running) && running.Task == task)
            {
                _running.Remove(cameraId);
                running.Stop.Dispose();
            }
        }
    }
}
