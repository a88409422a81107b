namespace CrowdPortal.Core.Counting;

/// <summary>
/// One row of the zone_counts time series: one zone, one interval of video time starting at <see cref="Ts"/> seconds.
/// <see cref="Current"/> is the occupancy at the <b>end</b> of the interval (the last frame in it) — a snapshot that
/// matches what the live overlay showed and sums sensibly across zones; <see cref="Peak"/> is the maximum of any frame
/// in the interval; <see cref="Entries"/>/<see cref="Exits"/> are the confirmed entries/exits (in/out for lines) during
/// it; <see cref="Density"/> is Current / area in people per m² when the zone has an area, else null.
/// </summary>
public readonly record struct CountSample(string ZoneId, double Ts, int Current, int Peak, int Entries, int Exits, double? Density)
{
    /// <summary>Zone id used for the whole-frame people count (persons in frame after masks); reserved, no zone may use it.</summary>
    public const string FrameZoneId = "frame";
}
