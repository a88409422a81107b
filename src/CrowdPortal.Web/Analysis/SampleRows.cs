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

    /// <summary>Stores <paramref name="rows"/> (all of one video), replacing the rows of the intervals they cover.</summary>
    public static async Task ReplaceAsync(CrowdPortalDbContext db, long videoId, IReadOnlyList<ZoneCount> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }

        double from = rows.Min(r => r.Ts);
        double to = rows.Max(r => r.Ts);
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.ZoneCounts.Where(c => c.VideoId == videoId && c.Ts >= from && c.Ts <= to).ExecuteDeleteAsync();
        db.ZoneCounts.AddRange(rows);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    /// <summary>The live message that tells watching pages about stored rows.</summary>
    public static SamplesMessage Message(long videoId, IReadOnlyList<ZoneCount> rows) => new(videoId, rows.Select(r =>
        new SampleMessage(r.ZoneId, r.Label, r.Ts, r.Current, r.Peak, r.Entries, r.Exits, r.Density, r.Level)).ToList());
}
