using CrowdPortal.Core.Counting;
using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CrowdPortal.Web.Analysis;

/// <summary>
/// Count samples as <c>zone_counts</c> rows, and the one way they are stored: replacing whatever rows the same intervals
/// already have, in one transaction, so a retried or repeated write never duplicates an interval. Shared by videos and
/// live cameras.
/// </summary>
internal static class SampleRows
{
    /// <summary>Rows for <paramref name="samples"/>; <paramref name="offsetSeconds"/> shifts their times (a camera's epoch).</summary>
    public static List<ZoneCount> From(IReadOnlyList<CountSample> samples, long videoId, ZoneLabels zones, double offsetSeconds = 0)
    {
        var rows = new List<ZoneCount>(samples.Count);
        foreach (var s in samples)
        {
            rows.Add(new ZoneCount
            {
                VideoId = videoId,
                ZoneId = s.ZoneId,
                Ts = offsetSeconds == 0 ? s.Ts : Math.Round(s.Ts + offsetSeconds, 3),
                Label = zones.Label(s.ZoneId),
                Current = s.Current,
                Peak = s.Peak,
                Entries = s.Entries,
                Exits = s.Exits,
                Density = s.Density,
                Level = zones.Level(s.ZoneId, s.Current),
            });
        }

        return rows;
    }

    /// <summary>
    /// Stores <paramref name="rows"/> (all of one video), replacing the rows of the intervals they cover, and moves the
    /// zones' running totals (<see cref="ZoneTotal"/>) by what the new rows add less what the replaced ones had.
    /// </summary>
    public static async Task ReplaceAsync(CrowdPortalDbContext db, long videoId, IReadOnlyList<ZoneCount> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        double from = rows.Min(r => r.Ts);
        double to = rows.Max(r => r.Ts);
        await using var transaction = await db.Database.BeginTransactionAsync();
        var intervals = db.ZoneCounts.Where(c => c.VideoId == videoId && c.Ts >= from && c.Ts <= to);
        var replaced = await intervals.Where(c => c.Entries != 0 || c.Exits != 0).GroupBy(c => c.ZoneId)
            .Select(g => new { ZoneId = g.Key, Entries = g.Sum(c => c.Entries), Exits = g.Sum(c => c.Exits) }).ToListAsync();
        await intervals.ExecuteDeleteAsync();
        db.ZoneCounts.AddRange(rows);

        var change = new Dictionary<string, (long Entries, long Exits)>(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            var (entries, exits) = change.GetValueOrDefault(r.ZoneId);
            change[r.ZoneId] = (entries + r.Entries, exits + r.Exits);
        }

        foreach (var r in replaced)
        {
            var (entries, exits) = change.GetValueOrDefault(r.ZoneId);
            change[r.ZoneId] = (entries - r.Entries, exits - r.Exits);
        }

        foreach (var (zoneId, (entries, exits)) in change)
        {
            await AddToTotalAsync(db, videoId, zoneId, entries, exits);
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    /// <summary>Adds to a zone's running total in the caller's transaction (a new row for its first crossing); nothing when both are 0.</summary>
    private static async Task AddToTotalAsync(CrowdPortalDbContext db, long videoId, string zoneId, long entries, long exits)
    {
        if (entries == 0 && exits == 0)
        {
            return; // most intervals: nobody crossed, so nothing is written
        }

        // One writer per video at a time (its analysis or its camera's holder), so update-else-insert does not race.
        int updated = await db.ZoneTotals.Where(t => t.VideoId == videoId && t.ZoneId == zoneId).ExecuteUpdateAsync(s => s
            .SetProperty(t => t.Entries, t => t.Entries + entries)
            .SetProperty(t => t.Exits, t => t.Exits + exits));
        if (updated == 0)
        {
            db.ZoneTotals.Add(new ZoneTotal { VideoId = videoId, ZoneId = zoneId, Entries = entries, Exits = exits });
        }
    }

    /// <summary>The live message that tells watching pages about stored rows.</summary>
    public static SamplesMessage Message(long videoId, IReadOnlyList<ZoneCount> rows) => new(videoId, rows.Select(r =>
        new SampleMessage(r.ZoneId, r.Label, r.Ts, r.Current, r.Peak, r.Entries, r.Exits, r.Density, r.Level)).ToList());
}
