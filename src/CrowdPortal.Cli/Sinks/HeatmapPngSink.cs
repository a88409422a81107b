using CrowdPortal.Vision.Pipeline;
using CrowdPortal.Vision.Rendering;
using OpenCvSharp;

namespace CrowdPortal.Cli.Sinks;

/// <summary><c>--heatmap</c>: at the end, the run's heatmap blended over the first analysed frame, as a PNG.</summary>
internal sealed class HeatmapPngSink(string path) : AnalysisSink, IDisposable
{
    private Mat? _background;

    public override void OnFrame(FrameAnalysis frame) => _background ??= frame.Image.Clone();

    public override void OnCompleted(AnalysisSummary summary)
    {
        if (summary.Heatmap is null)
        {
            throw new CliException("no frame was analysed, so there is no heatmap to write");
        }

        try
        {
            HeatmapRenderer.WritePng(summary.Heatmap, _background, path);
        }
        catch (Exception ex) when (ex is IOException or OpenCVException)
        {
            throw new CliException($"cannot write {path}: {ex.Message}", ex);
        }
    }

    public void Dispose() => _background?.Dispose();
}
