using CrowdPortal.Core.Alerts;
using CrowdPortal.Core.Counting;
using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using CrowdPortal.Web.Analysis;
using Microsoft.EntityFrameworkCore;

namespace CrowdPortal.Web.Services;

/// <summary>
/// The counts of a video as chart series, one per zone plus the whole frame. Long videos are downsampled on the
/// server to at most a given number of points per series, so a chart of an hour-long video stays light.
/// </summary>
public sealed class CountSeriesService(CrowdPortalDbContext db)
{
    public const int DefaultMaxPoints = 600;
    public const int LargestMaxPoints = 5000;

    public sealed record Query(string? ZoneId, double? From, double? To, int MaxPoints);

    public sealed record Point(double Ts, int Current, int Peak, int Entries, int Exits, double? Density, AlertLevel Level);

    public sealed record Series(string ZoneId, string Label, string Kind, string? Colour, double? AreaM2, IReadOnlyList<Point> Samples);

    public sealed record Result(double IntervalSeconds, double BucketSeconds, IReadOnlyList<Series> Series);

    /// <summary>Null when the user has no such video.</summary>
    public async Task<Result?> GetAsync(string userId, long videoId, Query query, CancellationToken ct)
    {
        if (!await db.Videos.AnyAsync(v => v.Id == videoId && v.UserId == userId, ct))
        {
            return null;
        }

        var zones = await db.VideoZones.AsNoTracking().Where(z => z.VideoId == videoId).OrderBy(z => z.SortOrder).ToListAsync(ct);
        var rows = db.ZoneCounts.AsNoTracking().Where(c => c.VideoId == videoId);
        if (query.ZoneId is not null)
        {
            rows = rows.Where(c => c.ZoneId == query.ZoneId);
        }

        if (query.From is double from)
        {
            rows = rows.Where(c => c.Ts >= from);
        }

        if (query.To is double to)
        {
            rows = rows.Where(c => c.Ts <= to);
        }

        var samples = await rows.OrderBy(c => c.Ts)
            .Select(c => new { c.ZoneId, c.Label, c.Ts, c.Current, c.Peak, c.Entries, c.Exits, c.Density, c.Level })
            .ToListAsync(ct);

        var byZone = samples.GroupBy(s => s.ZoneId).ToDictionary(g => g.Key, g => g.ToList());
        int longest = byZone.Count == 0 ? 0 : byZone.Values.Max(l => l.Count);
        int bucket = Math.Max(1, (int)Math.Ceiling(longest / (double)query.MaxPoints));
        double interval = samples.Count >= 2 ? EstimateInterval(samples.Select(s => s.Ts)) : 1.0;

        var series = new List<Series>();
        void AddSeries(string zoneId, string label, string kind, string? colour, double? area)
        {
            if (query.ZoneId is not null && query.ZoneId != zoneId)
            {
                return;
            }

            var list = byZone.GetValueOrDefault(zoneId) ?? [];
            var points = new List<Point>(list.Count / bucket + 1);
            for (int i = 0; i < list.Count; i += bucket)
            {
                var chunk = list.GetRange(i, Math.Min(bucket, list.Count - i));
                var last = chunk[^1];
                points.Add(new Point(chunk[0].Ts, last.Current, chunk.Max(c => c.Peak), chunk.Sum(c => c.Entries), chunk.Sum(c => c.Exits),
                    last.Density, Worst(chunk.Select(c => c.Level))));
            }

            series.Add(new Series(zoneId, label, kind, colour, area, points));
        }

        foreach (var zone in zones.Where(z => z.Kind != "mask"))
        {
            AddSeries(zone.ZoneId, zone.Label, zone.Kind, zone.Colour, zone.AreaM2);
        }

        AddSeries(CountSample.FrameZoneId, ZoneLabels.WholeFrameLabel, "frame", null, null);
        return new Result(interval, interval * bucket, series);
    }

    private static double EstimateInterval(IEnumerable<double> timestamps)
    {
        double previous = double.NaN;
        double smallest = double.MaxValue;
        foreach (double ts in timestamps)
        {
            if (ts > previous && ts - previous < smallest)
            {
                smallest = ts - previous;
            }

            previous = ts;
        }

        return smallest == double.MaxValue ? 1.0 : Math.Round(smallest, 6);
    }

    private static AlertLevel Worst(IEnumerable<AlertLevel> levels)
    {
        var worst = AlertLevel.Normal;
        foreach (var level in levels)
        {
            worst = level > worst ? level : worst;
        }

        return worst;
    }
}
