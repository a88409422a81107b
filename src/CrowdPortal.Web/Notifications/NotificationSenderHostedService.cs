using CrowdPortal.Data;
using CrowdPortal.Web.Cluster;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrowdPortal.Web.Notifications;

/// <summary>
/// The background sender, on every node: when this process commits an outbox row (<see cref="OutboxSignal"/>), and
/// every <see cref="NotificationSettings.PollMilliseconds"/> for rows other nodes write, it fans new outbox
/// events out to channels (<see cref="NotificationDispatcher"/>), then sends to each channel that has something due
/// (<see cref="ChannelDeliverer"/>, a few channels at a time). The claims in both make each event go out from one node.
/// While the database is away a round fails and the next one tries again: events wait in the outbox meanwhile.
/// At its first round it frees channel claims a killed run of this process left behind.
/// Now and then it prunes the delivery log of messages delivered more than <see cref="NotificationSettings.KeepDeliveredDays"/> ago.
/// </summary>
internal sealed class NotificationSenderHostedService(
    IServiceScopeFactory scopes,
    ChannelDeliverer deliverer,
    ClusterNode node,
    OutboxSignal signal,
    DispatchBroadcast dispatched,
    IOptions<NotificationSettings> settings,
    TimeProvider clock,
    ILogger<NotificationSenderHostedService> logger) : BackgroundService
{
    private const int ChannelsAtOnce = 4;
    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(10);

    private DateTime _nextPrune = DateTime.MinValue;
    private bool _staleClaimsFreed;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = TimeSpan.FromMilliseconds(settings.Value.PollMilliseconds);
        bool failing = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RoundAsync(stoppingToken);
                if (failing)
                {
                    logger.LogInformation("Notifications: sending again");
                    failing = false;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                if (!failing)
                {
                    logger.LogWarning(ex, "Notifications: a sending round failed (is the database away?); events wait and are tried again");
                }

                failing = true;
            }

            try
            {
                await signal.WaitAsync(poll, stoppingToken); // woken at once by an outbox row committed here
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task RoundAsync(CancellationToken stop)
    {
        string round = $"{node.Name}/{Guid.NewGuid():N}";
        round = round.Length > 100 ? round[^100..] : round;
        List<long> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
            if (!_staleClaimsFreed)
            {
                // Once per start, before anything is sent: claims a killed run of this process could not release.
                await deliverer.ReleaseStaleClaimsAsync(db, node.IsCluster ? node.Name : null, stop);
                _staleClaimsFreed = true;
            }

            var dispatcher = new NotificationDispatcher(db, clock);
            int batch;
            do
            {
                batch = await dispatcher.DispatchAsync(round, stop); // a full batch is a burst: keep fanning out before sending
                if (batch > 0)
                {
                    dispatched.Notify();
                }
            }
            while (batch == NotificationDispatcher.BatchSize);

            due = await deliverer.DueChannelsAsync(db, stop);
            if (clock.GetUtcNow().UtcDateTime >= _nextPrune)
            {
                await PruneAsync(db, stop);
                _nextPrune = clock.GetUtcNow().UtcDateTime + PruneEvery;
            }
        }

        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = ChannelsAtOnce, CancellationToken = stop },
            async (channelId, ct) => await deliverer.DeliverAsync(channelId, round, ct));
    }

    /// <summary>Drops delivered messages past the log's keep time, and outbox events none of whose deliveries remain.</summary>
    private async Task PruneAsync(CrowdPortalDbContext db, CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - TimeSpan.FromDays(settings.Value.KeepDeliveredDays);
        await db.NotificationDeliveries.Where(d => d.DeliveredAt != null && d.DeliveredAt < cutoff).ExecuteDeleteAsync(ct);
        await db.NotificationOutbox.Where(e => e.DispatchedAt != null && e.DispatchedAt < cutoff && !db.NotificationDeliveries.Any(d => d.EventId == e.Id))
            .ExecuteDeleteAsync(ct);
    }
}
