namespace CrowdPortal.Vision.Models;

/// <summary>One usable model of the catalog: an .onnx file and its parsed, validated sidecar.</summary>
/// <param name="Name">File name without extension, e.g. "nanodet".</param>
/// <param name="OnnxPath">Full path of the .onnx file.</param>
/// <param name="Sidecar">The parsed sidecar.</param>
public sealed record ModelEntry(string Name, string OnnxPath, ModelSidecar Sidecar)
{
    /// <summary>The sidecar's display name, or the file name.</summary>
    public string DisplayName => string.IsNullOrWhiteSpace(Sidecar.DisplayName) ? Name : Sidecar.DisplayName;

    /// <summary>The same model keeping boxes from <paramref name="score"/> up (e.g. to search pictures for anyone at all).</summary>
    public ModelEntry WithScoreThreshold(float score) => this with { Sidecar = Sidecar with { ScoreThreshold = score } };
}
