using CrowdPortal.Core.Alerts;
using CrowdPortal.Data;
using CrowdPortal.Web.Notifications;
using CrowdPortal.Web.ViewModels;
using Microsoft.EntityFrameworkCore;

namespace CrowdPortal.Web.Services;

/// <summary>Lists and acknowledges a user's alerts. Every query joins the owning video and filters by its owner.</summary>
public sealed class AlertService(CrowdPortalDbContext db, NotificationEvents events, TimeProvider clock)
{
    /// <param name="Level">Parsed from a <c>level</c> query value by <see cref="AlertLevelNames.TryParseAlertLevel"/>.</param>
    public sealed record Filter(long? VideoId, AlertLevel? Level, string? ZoneId, bool? Acknowledged);

    public async Task<List<AlertDto>> ListAsync(string userId, Filter filter, CancellationToken ct)
    {
        var query = from a in db.Alerts.AsNoTracking()
                    join v in db.Videos.AsNoTracking() on a.VideoId equals v.Id
                    where v.UserId == userId
                    select new { Alert = a, v.FileName };
        if (filter.VideoId is long videoId)
        {
            query = query.Where(x => x.Alert.VideoId == videoId);
        }

        if (filter.Level is AlertLevel level)
        {
            query = query.Where(x => x.Alert.Level == level);
        }

        if (filter.ZoneId is not null)
        {
            query = query.Where(x => x.Alert.ZoneId == filter.ZoneId);
        }

        if (filter.Acknowledged is bool acknowledged)
        {
            query = acknowledged ? query.Where(x => x.Alert.AcknowledgedAt != null) : query.Where(x => x.Alert.AcknowledgedAt == null);
        }

        var rows = await query.OrderByDescending(x => x.Alert.VideoId).ThenBy(x => x.Alert.TsStart).Take(5000).ToListAsync(ct);
        return rows.Select(x => AlertDto.From(x.Alert, x.FileName)).ToList();
    }

    /// <summary>Marks the alert as seen by the user; null when it is not one of theirs.</summary>
    public async Task<AlertDto?> AcknowledgeAsync(string userId, string userName, long alertId, CancellationToken ct)
    {
        var row = await (from a in db.Alerts
                         join v in db.Videos on a.VideoId equals v.Id
                         where a.Id == alertId && v.UserId == userId
                         select new { Alert = a, Video = v }).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }

        if (row.Alert.AcknowledgedAt is null)
        {
            row.Alert.AcknowledgedAt = clock.GetUtcNow().UtcDateTime;
            row.Alert.AcknowledgedBy = userName;
            // alert.acknowledged goes to the outbox in the same save.
            db.NotificationOutbox.Add(events.ForAlert(NotificationEventTypes.AlertAcknowledged, EventSubject.From(row.Video), row.Alert));
            await db.SaveChangesAsync(ct);
        }

        return AlertDto.From(row.Alert, row.Video.FileName);
    }
}
