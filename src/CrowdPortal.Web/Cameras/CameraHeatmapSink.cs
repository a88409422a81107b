using System.Diagnostics;
using CrowdPortal.Core.Heatmaps;
using CrowdPortal.Vision.Pipeline;
using CrowdPortal.Vision.Rendering;
using OpenCvSharp;

namespace CrowdPortal.Web.Cameras;

/// <summary>
/// A live camera's heatmap: where tracked people stood since the camera (re)started, over its first frame, written
/// every <c>saveEverySeconds</c> to the same file a video's heatmap uses (so <c>heatmap.png</c> serves both). A video's
/// heatmap is written once at the end; a camera never ends, hence the periodic save.
/// </summary>
internal sealed class CameraHeatmapSink(string path, double saveEverySeconds, ILogger logger) : AnalysisSink, IDisposable
{
    private readonly long _saveEveryTicks = (long)(Stopwatch.Frequency * saveEverySeconds);
    private HeatmapAccumulator? _heatmap;
    private Mat? _background;
    private long _lastSave = Stopwatch.GetTimestamp();

    public override void OnStarted(AnalysisStart start) => _heatmap = new HeatmapAccumulator(start.Frame);

    public override void OnFrame(FrameAnalysis frame)
    {
        if (_heatmap is null)
        {
            return;
        }

        _background ??= frame.Image.Clone();
        _heatmap.AddFrame(frame.Result.Tracks);
        long now = Stopwatch.GetTimestamp();
        if (now - _lastSave < _saveEveryTicks)
        {
            return;
        }

        _lastSave = now;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            HeatmapRenderer.WritePng(_heatmap, _background, path);
        }
        catch (IOException ex)
        {
            logger.LogWarning(ex, "A camera heatmap could not be saved");
        }
    }

    public void Dispose() => _background?.Dispose();
}
