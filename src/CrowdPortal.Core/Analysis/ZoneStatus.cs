using CrowdPortal.Core.Alerts;
using CrowdPortal.Core.Counting;
using CrowdPortal.Core.Zones;

namespace CrowdPortal.Core.Analysis;

/// <summary>
/// A zone's live state after a frame (for the live overlay / SignalR): occupancy (0 for lines), running entry/exit
/// totals (in/out for lines), density when the zone has an area, debounced alert level, dwell statistics.
/// </summary>
public readonly record struct ZoneStatus(
    string ZoneId,
    ZoneKind Kind,
    int Current,
    int TotalEntries,
    int TotalExits,
    double? Density,
    AlertLevel Level,
    DwellStats Dwell);
