using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CrowdPortal.Web.Notifications;

/// <summary>
/// Fans outbox events out into one delivery per matching channel. Several nodes may run it at once: a batch is claimed
/// by a conditional update (<c>… WHERE dispatched_at IS NULL</c>) inside the transaction that also writes its deliveries,
/// so each event is dispatched by exactly one node, and an event whose node died before committing stays in the outbox.
/// </summary>
public sealed class NotificationDispatcher(CrowdPortalDbContext db, TimeProvider clock)
{
    public const int BatchSize = 200;

    /// <summary>Dispatches up to <see cref="BatchSize"/> waiting events; returns how many were waiting.</summary>
    public async Task<int> DispatchAsync(string claim, CancellationToken ct)
    {
        var ids = await db.NotificationOutbox.AsNoTracking().Where(e => e.DispatchedAt == null)
            .OrderBy(e => e.Id).Select(e => e.Id).Take(BatchSize).ToListAsync(ct);
        if (ids.Count == 0)
        {
            return 0;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        int claimed = await db.NotificationOutbox.Where(e => ids.Contains(e.Id) && e.DispatchedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.DispatchedAt, now).SetProperty(e => e.DispatchedBy, claim), ct);
        if (claimed > 0)
        {
            var events = await db.NotificationOutbox.AsNoTracking().Where(e => ids.Contains(e.Id) && e.DispatchedBy == claim)
                .OrderBy(e => e.Id).ToListAsync(ct);
            var users = events.Select(e => e.UserId).Distinct().ToList();
            var channels = await db.NotificationChannels.AsNoTracking().Where(c => users.Contains(c.UserId)).ToListAsync(ct);
            foreach (var e in events)
            {
                foreach (var channel in channels.Where(c => ChannelFilter.Accepts(c, e)))
                {
                    db.NotificationDeliveries.Add(new NotificationDelivery
                    {
                        ChannelId = channel.Id,
                        EventId = e.Id,
                        EventType = e.Type,
                        MessageId = WebhookSignature.NewMessageId(),
                        CreatedAt = now,
                    });
                }
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }

        await transaction.CommitAsync(ct);
        return ids.Count;
    }
}
