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
}
