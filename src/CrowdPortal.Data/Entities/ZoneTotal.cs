namespace CrowdPortal.Data.Entities;

/// <summary>
/// The running total of people into and out of one zone of one video or camera (the <c>zone_totals</c> table): what a
/// counting line's MQTT <c>in</c>/<c>out</c> topics show. Kept in step with <see cref="ZoneCount"/> rows as they are
/// stored, in the same transaction, so reading it costs one row per zone instead of summing every stored interval.
/// It survives camera retention (people who crossed stay counted, as Home Assistant's <c>total_increasing</c>
/// expects) and is cleared with the rows when a video is analysed again.
/// </summary>
public class ZoneTotal
{
    public long VideoId { get; set; }

    public required string ZoneId { get; set; }

    public long Entries { get; set; }

    public long Exits { get; set; }

    public Video? Video { get; set; }
}
