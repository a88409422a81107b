namespace CrowdPortal.Core.Zones;

/// <summary>What a zone does with the people in it.</summary>
public enum ZoneKind
{
    /// <summary>An area: occupancy (with inertia), entries, exits, dwell time, density, alerts.</summary>
    Polygon = 0,

    /// <summary>A directed line of exactly 2 points: in/out crossings.</summary>
    Line = 1,

    /// <summary>An ignore area: detections whose anchor lies inside are dropped before tracking and counting.</summary>
    Mask = 2,
}
