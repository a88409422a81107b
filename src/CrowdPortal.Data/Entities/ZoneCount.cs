using CrowdPortal.Core.Alerts;

namespace CrowdPortal.Data.Entities;

/// <summary>
/// One sample of one zone over one interval of video time (the seed's <c>zone_counts</c>). Unique on
/// (video, zone, ts), so a retried write replaces instead of duplicating. The zone id <c>frame</c> is the whole picture.
/// </summary>
public class ZoneCount
{
    public long Id { get; set; }

    public long VideoId { get; set; }

    public required string ZoneId { get; set; }

    /// <summary>Start of the interval, seconds of video time.</summary>
    public double Ts { get; set; }

    public required string Label { get; set; }

    /// <summary>People in the zone at the end of the interval.</summary>
    public int Current { get; set; }

    /// <summary>Most people in the zone in any frame of the interval.</summary>
    public int Peak { get; set; }

    public int Entries { get; set; }

    public int Exits { get; set; }

    /// <summary>People per m² at the end of the interval, when the zone has an area.</summary>
    public double? Density { get; set; }

    /// <summary>The level of the interval's end value (stored as its word, <see cref="AlertLevelNames"/>).</summary>
    public AlertLevel Level { get; set; }

    public Video? Video { get; set; }
}
