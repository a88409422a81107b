using CrowdPortal.Vision.Pipeline;
using CrowdPortal.Vision.Rendering;
using OpenCvSharp;

namespace CrowdPortal.Web.Analysis;

/// <summary>At the end of an analysis, renders where people stood over a frame of the video into a PNG beside it.</summary>
internal sealed class HeatmapSink(string path) : AnalysisSink, IDisposable
{
    private Mat? _background;

    public override void OnFrame(FrameAnalysis frame) => _background ??= frame.Image.Clone();

    public override void OnCompleted(AnalysisSummary summary)
    {
        if (summary.Heatmap is not null)
        {
            HeatmapRenderer.WritePng(summary.Heatmap, _background, path);
        }
    }

    public void Dispose() => _background?.Dispose();
}
