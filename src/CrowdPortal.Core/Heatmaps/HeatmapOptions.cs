using CrowdPortal.Core.Geometry;

namespace CrowdPortal.Core.Heatmaps;

/// <summary>Settings of <see cref="HeatmapAccumulator"/>.</summary>
public sealed record HeatmapOptions
{
    /// <summary>Frame pixels per grid cell along each axis (8: a 768×576 frame gives a 96×72 grid).</summary>
    public int CellSize { get; init; } = 8;

    /// <summary>Standard deviation, in cells, of the gaussian splat added at each person's anchor (cut off at 3σ).</summary>
    public float SigmaCells { get; init; } = 1.5f;

    /// <summary>
    /// Factor every cell is multiplied by before each frame is added: 1 = no decay (whole-video heatmap);
    /// 0.99 at 10 fps halves old heat in about 7 s (a "recent activity" heatmap for live views).
    /// </summary>
    public float DecayPerFrame { get; init; } = 1f;

    /// <summary>Which point of each box adds heat. Default: bottom-centre (where people stand).</summary>
    public AnchorPoint Anchor { get; init; } = AnchorPoint.BottomCenter;
}
