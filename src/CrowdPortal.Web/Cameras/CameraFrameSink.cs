using System.Diagnostics;
using CrowdPortal.Vision.Pipeline;
using OpenCvSharp;

namespace CrowdPortal.Web.Cameras;

/// <summary>
/// Keeps a camera's live state current from the frames the pipeline analyses: when the last one arrived (and so the
/// analysed frame rate), and (every <c>snapshotSeconds</c>) the frame itself as a JPEG; and pushes a <c>camera</c> status
/// event every couple of seconds so the pages see "last frame" move.
/// </summary>
internal sealed class CameraFrameSink(CameraLiveState state, CameraNotifier notifier, double snapshotSeconds) : AnalysisSink
{
    private static readonly long StatusEveryTicks = Stopwatch.Frequency * 2;
    private static readonly int[] JpegQuality = [(int)ImwriteFlags.JpegQuality, 80];

    private readonly long _snapshotEveryTicks = (long)(Stopwatch.Frequency * snapshotSeconds);
    private long _lastSnapshot = long.MinValue / 2;
    private long _lastStatus = long.MinValue / 2;

    public override void OnFrame(FrameAnalysis frame)
    {
        long now = Stopwatch.GetTimestamp();
        state.OnFrame();
        if (now - _lastSnapshot >= _snapshotEveryTicks)
        {
            _lastSnapshot = now;
            Cv2.ImEncode(".jpg", frame.Image, out byte[] jpeg, JpegQuality);
            state.SetLatestJpeg(jpeg);
        }

        if (now - _lastStatus >= StatusEveryTicks)
        {
            _lastStatus = now;
            notifier.Status(state, enabled: true);
        }
    }
}
