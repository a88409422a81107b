using CrowdPortal.Vision.Detectors;

namespace CrowdPortal.Web.Analysis;

/// <summary>Background analysis settings (section <c>Analysis</c>).</summary>
public sealed record AnalysisSettings
{
    public const string SectionName = "Analysis";

    /// <summary>Analyses that run at the same time. On a 2-core machine one at a time is fastest overall.</summary>
    public int MaxConcurrent { get; init; } = 1;

    /// <summary>Analyse every Nth frame (1 = all); the tracker bridges the skipped ones.</summary>
    public int FrameStride { get; init; } = 1;

    /// <summary>Most live frame updates per second pushed to a watching page.</summary>
    public double LiveFramesPerSecond { get; init; } = 5;

    /// <summary>Folder of ONNX models and their sidecars; relative to the content root.</summary>
    public string ModelsPath { get; init; } = "models";

    /// <summary>
    /// A video or camera set to tiling <c>auto</c> is tiled when its frame's long side exceeds the detector's input long
    /// side by this factor (2 with a 416 px input: 768×576 untiled, 1280×720 and larger tiled).
    /// </summary>
    public double AutoTilingFactor { get; init; } = 2.0;

    /// <summary>Tiles per side when tiling (2 = 2×2 tiles plus the whole frame: five inferences a frame).</summary>
    public int TilingGrid { get; init; } = 2;

    /// <summary>Share of a tile overlapping its neighbour; a person smaller than it lies whole in one tile.</summary>
    public double TilingOverlap { get; init; } = 0.25;

    /// <summary>The tiling settings as the detector takes them.</summary>
    public TilingOptions Tiling => new() { AutoFactor = AutoTilingFactor, Grid = TilingGrid, Overlap = TilingOverlap };
}
