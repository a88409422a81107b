using CrowdPortal.Core.Alerts;
using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CrowdPortal.Web.Analysis;

/// <summary>
/// Alert events as <c>alerts</c> rows, and the one way they are stored: one row per zone and start time, created by the
/// event that opens the period and updated by the ones that raise its level or end it. Shared by videos and live cameras.
/// </summary>
internal static class AlertRows
{
    /// <summary>
    /// Applies <paramref name="events"/> (all of one video) to their rows and saves; returns the rows that changed.
    /// <paramref name="offsetSeconds"/> shifts event times (a camera's epoch).
    /// </summary>
    public static async Task<List<AlertRecord>> ApplyAsync(
        CrowdPortalDbContext db, long videoId, ZoneLabels zones, IReadOnlyList<AlertEvent> events, double offsetSeconds = 0)
    {
        var changed = new List<AlertRecord>(events.Count);
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
                    Level = ZoneLabels.LevelName(e.PeakLevel),
                    Unit = zones.Unit(e.ZoneId),
                };
                db.Alerts.Add(row);
            }

            row.Level = ZoneLabels.LevelName(e.PeakLevel);
            row.PeakValue = e.PeakValue;
            row.TsEnd = e.Kind == AlertEventKind.Ended && e.EndSeconds is double end ? Shift(end, offsetSeconds) : null;
            if (!changed.Contains(row))
            {
                changed.Add(row);
            }
        }

        await db.SaveChangesAsync();
        return changed;
    }

    private static double Shift(double seconds, double offsetSeconds) => offsetSeconds == 0 ? seconds : Math.Round(seconds + offsetSeconds, 3);
}
