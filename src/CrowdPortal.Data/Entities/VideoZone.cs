namespace CrowdPortal.Data.Entities;

/// <summary>
/// One zone drawn on a video (the seed's <c>video_zones</c>): a polygon, a counting line or a mask, with its points
/// stored normalised (0..1 of frame width/height) as JSON so the zone survives a change of resolution.
/// </summary>
public class VideoZone
{
    public long Id { get; set; }

    public long VideoId { get; set; }

    /// <summary>The zone's id within its video, e.g. "gate" (stable across edits; samples refer to it).</summary>
    public required string ZoneId { get; set; }

    public required string Label { get; set; }

    /// <summary><c>polygon</c>, <c>line</c> or <c>mask</c>.</summary>
    public required string Kind { get; set; }

    /// <summary>The points as JSON <c>[[x,y],...]</c>, normalised.</summary>
    public required string Coordinates { get; set; }

    public double? Warning { get; set; }

    public double? Critical { get; set; }

    public double? AreaM2 { get; set; }

    public string? Colour { get; set; }

    /// <summary><c>bottom-center</c>, <c>center</c> or <c>top-center</c>.</summary>
    public string Anchor { get; set; } = "bottom-center";

    public int Inertia { get; set; } = 3;

    /// <summary>Position in the user's list, so zones come back in the order they were drawn.</summary>
    public int SortOrder { get; set; }

    public Video? Video { get; set; }
}
