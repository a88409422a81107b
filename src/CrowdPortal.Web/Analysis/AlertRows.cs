using CrowdPortal.Core.Alerts;
using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using CrowdPortal.Web.Notifications;
using Microsoft.EntityFrameworkCore;

namespace CrowdPortal.Web.Analysis;

/// <summary>
/// Alert events as <c>alerts</c> rows, and the one way they are stored: one row per zone and start time, created by the
/// event that opens the period and updated by the ones that raise its level or end it. Shared by videos and live cameras.
/// An alert that starts, rises from warning to critical while open, or ends also puts <c>alert.started</c>,
/// <c>alert.escalated</c> or <c>alert.ended</c> in the notification outbox, in the same transaction as the row, so a
/// notification exists exactly when its alert was stored. Started and escalated report the level and value of their
/// moment, not the row's later state.
/// </summary>
internal static class AlertRows
{
    /// <summary>
    /// Applies <paramref name="events"/> (all of <paramref name="subject"/>) to their rows and saves them with their
    /// outbox events; returns the rows that changed. <paramref name="offsetSeconds"/> shifts event times (a camera's epoch).
    /// </summary>
    public static async Task<List<AlertRecord>> ApplyAsync(
        CrowdPortalDbContext db, EventSubject subject, ZoneLabels zones, IReadOnlyList<AlertEvent> events, NotificationEvents notifications,
        double offsetSeconds = 0)
    {
        long videoId = subject.VideoId;
        var changed = new List<AlertRecord>(events.Count);
        var outbox = new List<(string Type, AlertRecord Row, AlertLevel? Level, double? Value)>();
        foreach (var e in events)
        {
            double start = Shift(e.StartSeconds, offsetSeconds);

            // An open period's row is usually still tracked from its previous event; otherwise it is read back.
            var row = db.Alerts.Local.FirstOrDefault(a => a.VideoId == videoId && a.ZoneId == e.ZoneId && a.TsStart == start)
                ?? await db.Alerts.FirstOrDefaultAsync(a => a.VideoId == videoId && a.ZoneId == e.ZoneId && a.TsStart == start);
            if (row is null)
            {
                row = new AlertRecord
                {
                    VideoId = videoId,
                    ZoneId = e.ZoneId,
                    Label = zones.Label(e.ZoneId),
                    TsStart = start,
                    Level = e.PeakLevel,
                    Unit = zones.Unit(e.ZoneId),
                };
                db.Alerts.Add(row);
                outbox.Add((NotificationEventTypes.AlertStarted, row, row.Level, e.PeakValue));
            }

            AlertLevel before = row.Level;
            row.Level = e.PeakLevel;
            if (e.Kind != AlertEventKind.Ended && row.Level > before)
            {
                outbox.Add((NotificationEventTypes.AlertEscalated, row, row.Level, e.PeakValue));
            }

            row.PeakValue = e.PeakValue;
            row.TsEnd = e.Kind == AlertEventKind.Ended && e.EndSeconds is double end ? Shift(end, offsetSeconds) : null;
            if (e.Kind == AlertEventKind.Ended)
            {
                outbox.Add((NotificationEventTypes.AlertEnded, row, null, null));
            }

            if (!changed.Contains(row))
            {
                changed.Add(row);
            }
        }

        // Two saves in one transaction: the events name their alert's id, which the first save assigns.
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.SaveChangesAsync();
        if (outbox.Count > 0)
        {
            db.NotificationOutbox.AddRange(outbox.Select(o => notifications.ForAlert(o.Type, subject, o.Row, o.Level, o.Value)));
            await db.SaveChangesAsync();
        }

        await transaction.CommitAsync();
        return changed;
    }

    private static double Shift(double seconds, double offsetSeconds) => offsetSeconds == 0 ? seconds : Math.Round(seconds + offsetSeconds, 3);
}
