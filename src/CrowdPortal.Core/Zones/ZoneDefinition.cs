using CrowdPortal.Core.Geometry;

namespace CrowdPortal.Core.Zones;

/// <summary>
/// A zone as the user drew it. <see cref="Points"/> are <b>normalised</b> (0..1 of frame width/height, origin
/// top-left), so the zone survives a change of resolution. Not validated on construction: run
/// <see cref="ZoneValidator.Validate(ZoneDefinition)"/> or build a <see cref="ZoneSet"/>.
/// </summary>
/// <remarks>
/// Thresholds are in people per m² when <see cref="AreaM2"/> is given, otherwise in people (a count); see
/// <see cref="Alerts.DensityLevels.ThresholdsFor(ZoneDefinition)"/>. Thresholds and area apply to polygon zones only;
/// line and mask zones ignore them.
/// </remarks>
public sealed record ZoneDefinition
{
    /// <summary>Default <see cref="InertiaFrames"/>: Frigate's default of 3 consecutive frames.</summary>
    public const int DefaultInertiaFrames = 3;

    /// <summary>Stable identifier within a video, 1..64 of letters, digits, '-' and '_' (e.g. "entrance").</summary>
    public required string ZoneId { get; init; }

    /// <summary>Name shown to the user, 1..64 characters.</summary>
    public required string Label { get; init; }

    public ZoneKind Kind { get; init; } = ZoneKind.Polygon;

    /// <summary>Normalised points: a closed ring for polygons and masks (do not repeat the first point), start and end for lines.</summary>
    public required IReadOnlyList<Point2> Points { get; init; }

    /// <summary>Which point of a person's box is tested against the zone. Default: bottom-centre (the feet).</summary>
    public AnchorPoint Anchor { get; init; } = AnchorPoint.BottomCenter;

    /// <summary>
    /// Consecutive frames a person must be seen inside (or outside) before their zone state changes; for lines, frames
    /// seen on the other side before a crossing counts. 1 = no inertia.
    /// </summary>
    public int InertiaFrames { get; init; } = DefaultInertiaFrames;

    /// <summary>Real floor area of the zone in m², when known; enables density (people/m²) and Fruin default thresholds.</summary>
    public double? AreaM2 { get; init; }

    /// <summary>Warning threshold (people/m² when an area is given, else people). Null: default (see remarks).</summary>
    public double? Warning { get; init; }

    /// <summary>Critical threshold (people/m² when an area is given, else people). Null: default (see remarks).</summary>
    public double? Critical { get; init; }

    /// <summary>Display colour as "#rrggbb" (or "#rgb"), or null for the UI's default.</summary>
    public string? Colour { get; init; }

    /// <summary>The zone's points in frame pixels for a given frame size (a new array).</summary>
    public Point2[] ToPixels(FrameSize frame) => frame.ToPixels(Points);
}
