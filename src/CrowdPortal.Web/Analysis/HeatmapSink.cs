using CrowdPortal.Data.Entities;
using CrowdPortal.Vision.Pipeline;
using CrowdPortal.Vision.Privacy;
using CrowdPortal.Vision.Rendering;
using CrowdPortal.Web.Privacy;
using OpenCvSharp;

namespace CrowdPortal.Web.Analysis;

/// <summary>
/// At the end of an analysis, renders where people stood into a PNG beside the video, over a picture fit for the video's
/// privacy level: its first frame (people pixelated at <see cref="PrivacyLevel.Blur"/>), or at
/// <see cref="PrivacyLevel.CountsOnly"/> the clean plate built from frames sampled during the analysis, which is also
/// kept as the video's picture for the dashboard (<paramref name="platePath"/>).
/// </summary>
internal sealed class HeatmapSink(string path, PrivacyLevel level, PictureProtector protector, string platePath) : AnalysisSink, IDisposable
{
    private const int PlateSamples = 25;

    private readonly CleanPlate _plate = new();
    private Mat? _background;
    private long _plateStep = 1;

    public override void OnStarted(AnalysisStart start) =>
        _plateStep = Math.Max(1, (start.Source.FrameCount ?? PlateSamples) / PlateSamples);

    public override void OnFrame(FrameAnalysis frame)
    {
        if (level == PrivacyLevel.CountsOnly)
        {
            if (frame.Index % _plateStep == 0 && _plate.Count < PlateSamples)
            {
                _plate.Add(frame.Image, frame.Result.Detections);
            }

            return;
        }

        if (_background is null)
        {
            _background = frame.Image.Clone();
            if (level == PrivacyLevel.Blur)
            {
                protector.HidePeople(_background);
            }
        }
    }

    public override void OnCompleted(AnalysisSummary summary)
    {
        if (level == PrivacyLevel.CountsOnly && _plate.Build() is { } plate)
        {
            protector.HidePeople(plate); // anyone the median kept (standing still through the samples) is pixelated
            _background = plate;
            CleanPlateFiles.WriteJpeg(plate, platePath);
        }

        if (summary.Heatmap is not null)
        {
            HeatmapRenderer.WritePng(summary.Heatmap, _background, path);
        }
    }

    public void Dispose()
    {
        _background?.Dispose();
        _plate.Dispose();
    }
}
