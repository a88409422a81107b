using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using CrowdPortal.Web.Cluster;
using Medallion.Threading;
using Medallion.Threading.Redis;
using Microsoft.EntityFrameworkCore;
using StackExchange.Redis;

namespace CrowdPortal.Web.Cameras;

/// <summary>
/// Cluster mode, on workers: each enabled IP camera is run by exactly one worker, the one holding its lease in Redis
/// (DistributedLock.Redis: a key with an expiry that the library renews while the holder lives). Every few seconds a
/// worker stops the cameras it may no longer run (disabled, deleted, lease lost), gives one back when it holds more
/// than its fair share (so a new worker gets cameras), and takes unowned cameras up to that share. A worker that dies
/// stops renewing: its leases expire and the others take its cameras. A worker that cannot reach Redis stops all its
/// cameras before its leases can expire, so two workers never count one camera.
/// </summary>
internal sealed class CameraLeaseHostedService(
    IConnectionMultiplexer redis,
    CameraSupervisor supervisor,
    NodeDirectory nodes,
    IServiceScopeFactory scopes,
    ILogger<CameraLeaseHostedService> logger) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromSeconds(5);

    // A dead worker's cameras are free this long after its last renewal; renewed three times within it.
    private static readonly TimeSpan LeaseExpiry = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan Renewal = TimeSpan.FromSeconds(5);

    private readonly Dictionary<long, IDistributedSynchronizationHandle> _leases = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every);
        try
        {
            do
            {
                try
                {
                    await BalanceAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
                {
                    if (_leases.Count > 0)
                    {
                        logger.LogWarning("Redis is unreachable ({Error}); stopping this worker's {Count} cameras", ex.Message, _leases.Count);
                    }

                    await ReleaseAllAsync();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogWarning(ex, "Camera leases could not be balanced this round");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            await ReleaseAllAsync();
        }
    }

    private async Task BalanceAsync(CancellationToken ct)
    {
        await redis.GetDatabase().PingAsync(); // no Redis, no cameras: throws, and the caller stops them all
        var enabled = await EnabledCamerasAsync(ct);

        foreach (var (id, lease) in _leases.ToList())
        {
            if (!enabled.Contains(id) || lease.HandleLostToken.IsCancellationRequested)
            {
                logger.LogInformation("Camera {CameraId}: {Reason}; stopping it here", id, enabled.Contains(id) ? "lease lost" : "disabled");
                await ReleaseAsync(id);
            }
        }

        int workers = Math.Max(1, (await nodes.ListAsync(ct)).Count(n => n.Role is "worker" or "all"));
        int share = (enabled.Count + workers - 1) / workers;
        if (_leases.Count > share)
        {
            long given = _leases.Keys.Max();
            logger.LogInformation("Camera {CameraId}: handed back for another worker ({Held} held, fair share {Share})", given, _leases.Count, share);
            await ReleaseAsync(given);
            return;
        }

        foreach (long id in enabled.Where(id => !_leases.ContainsKey(id)))
        {
            if (_leases.Count >= share)
            {
                break;
            }

            var lease = await Lease(id).TryAcquireAsync(TimeSpan.Zero, ct);
            if (lease is not null)
            {
                _leases[id] = lease;
                supervisor.Start(id);
                logger.LogInformation("Camera {CameraId}: leased; running it on this worker", id);
            }
        }
    }

    private RedisDistributedLock Lease(long cameraId) =>
        new(ClusterServiceCollectionExtensions.RedisPrefix + "camera-lease:" + cameraId, redis.GetDatabase(),
            o => o.Expiry(LeaseExpiry).ExtensionCadence(Renewal));

    private async Task<HashSet<long>> EnabledCamerasAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
        return [.. await db.Videos.AsNoTracking().Where(v => v.SourceKind == VideoSourceKind.Camera && v.Enabled).Select(v => v.Id).ToListAsync(ct)];
    }

    /// <summary>Stops the camera first (its last rows are stored), then gives the lease back.</summary>
    private async Task ReleaseAsync(long id)
    {
        await supervisor.StopAsync(id);
        if (_leases.Remove(id, out var lease))
        {
            try
            {
                await lease.DisposeAsync();
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                logger.LogDebug(ex, "Camera {CameraId}: the lease could not be given back; it expires by itself", id);
            }
        }
    }

    private async Task ReleaseAllAsync()
    {
        foreach (long id in _leases.Keys.ToList())
        {
            await ReleaseAsync(id);
        }
    }
}
