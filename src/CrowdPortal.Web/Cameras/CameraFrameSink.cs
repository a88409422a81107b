using System.Diagnostics;
using CrowdPortal.Data.Entities;
using CrowdPortal.Vision.Pipeline;
using CrowdPortal.Vision.Privacy;
using CrowdPortal.Web.Privacy;
using OpenCvSharp;

namespace CrowdPortal.Web.Cameras;

/// <summary>
/// Keeps a camera's live state current from the frames the pipeline analyses: when the last one arrived (and so the
/// analysed frame rate), and (every <c>snapshotSeconds</c>) its picture as a JPEG, made fit for the camera's privacy
/// level: the frame, the frame with people pixelated, or (counts only) the clean plate, the median of frames sampled
/// every <see cref="PrivacySettings.PlateSampleSeconds"/> over the last <see cref="PlateWindow"/> samples, leaving out
/// the people the analysis found in each, and searched for people once more before it is shown. It also
/// pushes a <c>camera</c> status event every couple of seconds so the pages see "last frame" move.
/// </summary>
internal sealed class CameraFrameSink(CameraLiveState state, CameraNotifier notifier, double snapshotSeconds, PictureProtector protector, double plateSampleSeconds)
    : AnalysisSink, IDisposable
{
    /// <summary>Samples in the rolling clean plate: with one every 5 s, the scene of the last two minutes.</summary>
    public const int PlateWindow = 24;

    /// <summary>Samples before the first plate is shown: fewer would let a passer-by stay in the median.</summary>
    public const int PlateMinimum = 5;

    /// <summary>
    /// New samples between two plates after the first: a plate of 24 samples costs about half a CPU second (768×576),
    /// so it is remade every 30 s (at one sample per 5 s) rather than with each sample.
    /// </summary>
    public const int PlateRebuildEvery = 6;

    private static readonly long StatusEveryTicks = Stopwatch.Frequency * 2;
    private static readonly int[] JpegQuality = [(int)ImwriteFlags.JpegQuality, 80];

    private readonly long _snapshotEveryTicks = (long)(Stopwatch.Frequency * snapshotSeconds);
    private readonly long _plateEveryTicks = (long)(Stopwatch.Frequency * plateSampleSeconds);
    private readonly CleanPlate _plate = new();
    private long _lastSnapshot = long.MinValue / 2;
    private long _lastPlateSample = long.MinValue / 2;
    private long _lastStatus = long.MinValue / 2;
    private int _samplesSincePlate;

    public override void OnFrame(FrameAnalysis frame)
    {
        long now = Stopwatch.GetTimestamp();
        state.OnFrame();
        PrivacyLevel level = state.Privacy;
        if (level == PrivacyLevel.CountsOnly)
        {
            if (now - _lastPlateSample >= _plateEveryTicks)
            {
                _lastPlateSample = now;
                UpdatePlate(frame);
            }
        }
        else if (now - _lastSnapshot >= _snapshotEveryTicks)
        {
            _lastSnapshot = now;
            if (level == PrivacyLevel.Off)
            {
                Cv2.ImEncode(".jpg", frame.Image, out byte[] jpeg, JpegQuality);
                state.SetLatestJpeg(jpeg, level);
            }
            else
            {
                using var copy = frame.Image.Clone();
                state.SetLatestJpeg(protector.Jpeg(copy, level), level);
            }
        }

        if (now - _lastStatus >= StatusEveryTicks)
        {
            _lastStatus = now;
            notifier.Status(state, enabled: true);
        }
    }

    public void Dispose() => _plate.Dispose();

    private void UpdatePlate(FrameAnalysis frame)
    {
        _plate.Add(frame.Image, frame.Result.Detections);
        _plate.KeepNewest(PlateWindow);
        _samplesSincePlate++;
        bool shown = state.LatestJpeg is not null; // none yet, or dropped when the level changed
        if (_plate.Count < PlateMinimum || (shown && _samplesSincePlate < PlateRebuildEvery))
        {
            return;
        }

        _samplesSincePlate = 0;
        using var plate = _plate.Build();
        if (plate is not null)
        {
            state.SetLatestJpeg(protector.Jpeg(plate, PrivacyLevel.CountsOnly), PrivacyLevel.CountsOnly);
        }
    }
}
