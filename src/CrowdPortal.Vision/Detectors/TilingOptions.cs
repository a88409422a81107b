namespace CrowdPortal.Vision.Detectors;

/// <summary>How <see cref="TiledDetector"/> cuts a frame and when <see cref="Core.Analysis.TilingMode.Auto"/> tiles.</summary>
public sealed record TilingOptions
{
    /// <summary>Tiles per side: 2 = 2×2 tiles plus the whole frame, five inferences per frame.</summary>
    public int Grid { get; init; } = 2;

    /// <summary>
    /// Share of a tile that overlaps its neighbour. A person narrower (shorter) than the overlap lies whole in one of
    /// two neighbouring tiles, so a box cut by a tile's inner edge can be dropped; bigger people are the whole-frame
    /// pass's.
    /// </summary>
    public double Overlap { get; init; } = 0.25;

    /// <summary>
    /// <c>auto</c> tiles when the frame's long side exceeds the detector's input long side by this factor: with 2 and a
    /// 416 px input, 768×576 (1.8×) stays untiled and 1280×720 (3.1×) or 1920×1080 (4.6×) is tiled.
    /// </summary>
    public double AutoFactor { get; init; } = 2.0;

    /// <summary>Throws when a setting is out of range (checked at start-up).</summary>
    public void Validate()
    {
        if (Grid is < 2 or > 4)
        {
            throw new ArgumentOutOfRangeException(nameof(Grid), Grid, "Tiling grid must be 2 to 4 tiles per side.");
        }

        if (!double.IsFinite(Overlap) || Overlap is < 0 or >= 0.5)
        {
            throw new ArgumentOutOfRangeException(nameof(Overlap), Overlap, "Tile overlap must be at least 0 and below 0.5.");
        }

        if (!double.IsFinite(AutoFactor) || AutoFactor < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(AutoFactor), AutoFactor, "Auto tiling factor must be at least 1.");
        }
    }
}
