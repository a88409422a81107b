using System.ComponentModel;
using CrowdPortal.Core.Geometry;
using CrowdPortal.Core.Zones;

namespace CrowdPortal.Web.ViewModels;

/// <summary>
/// One zone as the API takes and gives it: <c>PUT /api/v1/videos/{id}/zones</c> takes an array of these, <c>GET</c>
/// answers one. Every field may be absent to the JSON reader, so that one request is refused naming every problem at
/// once (<see cref="ZoneBody"/>); zoneId, label and points are required by the rules and marked so in the OpenAPI schema.
/// </summary>
[Description("A zone: a polygon (people counted inside), a line (crossings counted) or a mask (detections ignored).")]
public sealed record ZoneDto
{
    [Description("Stable id within the video or camera: 1-64 letters, digits, '-' or '_'; unique; not \"frame\".")]
    public string? ZoneId { get; init; }

    [Description("The name shown to users, 1-64 characters.")]
    public string? Label { get; init; }

    [Description("polygon (default), line or mask.")]
    public ZoneKind? Kind { get; init; }

    [Description("[x, y] pairs, fractions (0..1) of the frame's width and height from its top-left corner: 3-100 for a polygon or mask (do not repeat the first), exactly 2 for a line.")]
    public IReadOnlyList<double[]>? Points { get; init; }

    [Description("Warning level: people, or people per m² when areaM2 is given (then the default is 1.1). Polygons only.")]
    public double? Warning { get; init; }

    [Description("Critical level, at least the warning level: people, or people per m² when areaM2 is given (then the default is 2.2). Polygons only.")]
    public double? Critical { get; init; }

    [Description("The zone's floor area in m², when known: counts become densities (people per m²).")]
    public double? AreaM2 { get; init; }

    [Description("Display colour, \"#rrggbb\" or \"#rgb\".")]
    public string? Colour { get; init; }

    [Description("Which point of a person's box is tested: bottom-center (the feet, default), center or top-center.")]
    public AnchorPoint? Anchor { get; init; }

    [Description("Consecutive frames a person must be seen inside (or, for a line, across) before it counts: 1-1000, default 3.")]
    public int? Inertia { get; init; }

    [Description("Not supported: give warning and/or critical instead. A zone with a threshold is refused, so it is never saved without its alerts.")]
    public double? Threshold { get; init; }
}
