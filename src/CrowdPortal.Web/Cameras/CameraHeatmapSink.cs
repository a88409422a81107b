using System.Diagnostics;
using CrowdPortal.Core.Heatmaps;
using CrowdPortal.Vision.Pipeline;
using CrowdPortal.Vision.Rendering;
using OpenCvSharp;

namespace CrowdPortal.Web.Cameras;

/// <summary>
/// A live camera's heatmap: where tracked people stood since the camera (re)started, written every
/// <c>saveEverySeconds</c> to the same file a video's heatmap uses (so <c>heatmap.png</c> serves both). A video's heatmap
/// is written once at the end; a camera never ends, hence the periodic save. The background is the camera's current
/// picture, which <see cref="CameraFrameSink"/> already made fit for the camera's privacy level (pixelated people or
/// the clean plate); without one yet, the heatmap is drawn on black.
/// </summary>
internal sealed class CameraHeatmapSink(string path, double saveEverySeconds, CameraLiveState state, ILogger logger) : AnalysisSink
{
    private readonly long _saveEveryTicks = (long)(Stopwatch.Frequency * saveEverySeconds);
    private HeatmapAccumulator? _heatmap;
    private long _lastSave = Stopwatch.GetTimestamp();

    public override void OnStarted(AnalysisStart start) => _heatmap = new HeatmapAccumulator(start.Frame);

    public override void OnFrame(FrameAnalysis frame)
    {
        if (_heatmap is null)
        {
            return;
        }

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
            using var background = state.LatestJpeg is { } jpeg ? Cv2.ImDecode(jpeg, ImreadModes.Color) : null;
            HeatmapRenderer.WritePng(_heatmap, background, path); // an empty or missing picture: drawn on black
        }
        catch (IOException ex)
        {
            logger.LogWarning(ex, "A camera heatmap could not be saved");
        }
    }
}
