using CrowdPortal.Data;
using CrowdPortal.Web.Cluster;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrowdPortal.Web.Notifications.Mqtt;

/// <summary>
/// Holds the broker connections of MQTT channels, on every node, one node per channel: every few seconds it claims the
/// MQTT channels nobody holds (the channel row's claim, as the webhook sender uses it, renewed by each connection every
/// third of <see cref="NotificationSettings.ClaimFor"/>) and runs a <see cref="MqttChannelConnection"/> for each. A node that
/// dies stops renewing; after <see cref="NotificationSettings.ClaimFor"/> another node takes the channel over. A connection
/// that ends (claim lost, channel paused, changed or deleted) releases its claim, and the channel is taken up afresh.
/// In a cluster only nodes that run work (workers, or an all-in-one node) hold connections: web nodes serve pages.
/// </summary>
internal sealed class MqttSupervisorHostedService(
    IServiceScopeFactory scopes,
    ChannelDeliverer deliverer,
    MqttBrokerAddressPolicy brokers,
    MqttBrokerTrust trust,
    ChannelSecretProtector secrets,
    DispatchBroadcast dispatched,
    ClusterNode node,
    IOptions<NotificationSettings> settings,
    TimeProvider clock,
    ILoggerFactory loggers) : BackgroundService
{
    private static readonly TimeSpan ScanEvery = TimeSpan.FromSeconds(2);

    private readonly Dictionary<long, Task> _running = [];
    private readonly ILogger _logger = loggers.CreateLogger<MqttSupervisorHostedService>();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!node.RunsWork)
        {
            return;
        }

        bool failing = false;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    await ScanAsync(stoppingToken);
                    failing = false;
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    if (!failing)
                    {
                        _logger.LogWarning(ex, "MQTT channels: looking for channels to hold failed (is the database away?); trying again");
                    }

                    failing = true;
                }

                await Task.Delay(ScanEvery, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
        finally
        {
            // Each connection says offline and disconnects cleanly when the host stops.
            await Task.WhenAll(_running.Values);
        }
    }

    private async Task ScanAsync(CancellationToken stop)
    {
        foreach (var done in _running.Where(r => r.Value.IsCompleted).Select(r => r.Key).ToList())
        {
            _running.Remove(done);
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        var free = await db.NotificationChannels.AsNoTracking()
            .Where(c => c.Kind == NotificationChannelService.MqttKind && c.PausedAt == null && (c.ClaimedUntil == null || c.ClaimedUntil < now))
            .OrderBy(c => c.Id).Select(c => c.Id).Take(100).ToListAsync(stop);
        foreach (long channelId in free.Where(id => !_running.ContainsKey(id)))
        {
            string claim = $"mqtt/{node.Name}/{Guid.NewGuid():N}";
            claim = claim.Length > 120 ? claim[^120..] : claim;
            int won = await db.NotificationChannels
                .Where(c => c.Id == channelId && c.PausedAt == null && (c.ClaimedUntil == null || c.ClaimedUntil < now))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.ClaimedBy, claim)
                    .SetProperty(c => c.ClaimedUntil, now + settings.Value.ClaimFor)
                    .SetProperty(c => c.MqttConnection, $"connecting (node {node.Name})"), stop);
            if (won == 1)
            {
                _running[channelId] = HoldAsync(channelId, claim, stop);
            }
        }
    }

    private async Task HoldAsync(long channelId, string claim, CancellationToken stop)
    {
        var connection = new MqttChannelConnection(channelId, claim, node.Name, scopes, deliverer, brokers, trust, secrets, dispatched, settings, clock,
            loggers.CreateLogger<MqttChannelConnection>());
        try
        {
            await connection.RunAsync(stop);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stop.IsCancellationRequested)
        {
            _logger.LogWarning(ex, "MQTT channel {ChannelId}: its connection ended with an error; it is taken up again", channelId);
        }
        finally
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
                await db.NotificationChannels.Where(c => c.Id == channelId && c.ClaimedBy == claim).ExecuteUpdateAsync(s => s
                    .SetProperty(c => c.ClaimedBy, (string?)null)
                    .SetProperty(c => c.ClaimedUntil, (DateTime?)null)
                    .SetProperty(c => c.MqttConnection, "not connected (no node holds the connection right now)"), CancellationToken.None);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _logger.LogDebug(ex, "MQTT channel {ChannelId}: its claim could not be released; it lapses", channelId);
            }
        }
    }
}
