using CrowdPortal.Core.Zones;

namespace CrowdPortal.Core.Alerts;

/// <summary>
/// Crowd density bands after Fruin's pedestrian levels of service (walkways), in people per m², and the rule that turns
/// a zone's settings into alert thresholds. Defaults when a zone has an area but no thresholds: warning at
/// <see cref="Restricted"/> (1.1 p/m², LOS E: walking speed restricted, contact likely) and critical at
/// <see cref="Crowded"/> (2.2 p/m², LOS F: flow breaks down). We alert at the breakdown of flow rather than at the
/// 4–5 p/m² "dangerous" band because operators need time to act before a crowd becomes dangerous.
/// </summary>
public static class DensityLevels
{
    /// <summary>Below about 0.7 p/m²: free walking (LOS A–C).</summary>
    public const double FreeFlow = 0.7;

    /// <summary>About 1.1 p/m²: movement restricted (LOS E starts). Default warning threshold.</summary>
    public const double Restricted = 1.1;

    /// <summary>About 2.2 p/m²: crowded, flow breaks down (LOS F starts). Default critical threshold.</summary>
    public const double Crowded = 2.2;

    /// <summary>Above about 4 p/m²: dangerous (crush risk).</summary>
    public const double Dangerous = 4.0;

    /// <summary>Default thresholds for a zone with an area and no thresholds of its own.</summary>
    public static AlertThresholds DefaultDensityThresholds { get; } = new(Restricted, Crowded);

    /// <summary>
    /// The value alerts are measured on: density (people / area in m²) when the zone has an area, otherwise the count.
    /// </summary>
    public static double Measure(ZoneDefinition zone, int count) =>
        zone.AreaM2 is double area && area > 0 ? count / area : count;

    /// <summary>
    /// The zone's thresholds in the unit of <see cref="Measure(ZoneDefinition, int)"/>, or null when the zone has no
    /// alerts (no thresholds and no area, or not a polygon). Given thresholds win; a missing warning equals the critical
    /// one, a missing critical never triggers; with an area and neither given, <see cref="DefaultDensityThresholds"/>.
    /// </summary>
    public static AlertThresholds? ThresholdsFor(ZoneDefinition zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (zone.Kind != ZoneKind.Polygon)
        {
            return null;
        }

        if (zone.Warning is null && zone.Critical is null)
        {
            return zone.AreaM2 is > 0 ? DefaultDensityThresholds : null;
        }

        double critical = zone.Critical ?? double.PositiveInfinity;
        double warning = zone.Warning ?? critical;
        return new AlertThresholds(warning, Math.Max(warning, critical));
    }

    /// <summary>The level of a zone holding <paramref name="count"/> people (Normal when the zone has no thresholds).</summary>
    public static AlertLevel Classify(ZoneDefinition zone, int count) =>
        ThresholdsFor(zone) is AlertThresholds t ? t.Classify(Measure(zone, count)) : AlertLevel.Normal;
}
