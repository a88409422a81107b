using CrowdPortal.Core.Alerts;

namespace CrowdPortal.Data.Entities;

/// <summary>
/// One alert (the seed's <c>alerts</c>): a zone held a warning or critical level from <see cref="TsStart"/> to
/// <see cref="TsEnd"/> (null while still open), with its peak value and, once seen, who acknowledged it.
/// </summary>
public class AlertRecord
{
    public long Id { get; set; }

    public long VideoId { get; set; }

    public required string ZoneId { get; set; }

    public required string Label { get; set; }

    public double TsStart { get; set; }

    public double? TsEnd { get; set; }

    /// <summary>The highest level reached: warning or critical (stored as the word, <see cref="AlertLevelNames"/>).</summary>
    public required AlertLevel Level { get; set; }

    /// <summary>Highest value measured (people, or people per m² when the zone has an area).</summary>
    public double PeakValue { get; set; }

    /// <summary>"people" or "people/m²": what <see cref="PeakValue"/> counts.</summary>
    public required string Unit { get; set; }

    public string? AcknowledgedBy { get; set; }

    public DateTime? AcknowledgedAt { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public Video? Video { get; set; }
}
