using System.Diagnostics;
using CrowdPortal.Core.Geometry;
using CrowdPortal.Vision.Pipeline;

namespace CrowdPortal.Web.Analysis;

/// <summary>
/// Sends the watching pages what the pipeline sees: a few frames a second (people, boxes with track ids, each zone's
/// count and level) so the live view keeps up without flooding the browser.
/// </summary>
internal sealed class LiveSink(long videoId, AnalysisNotifier notifier, double maxFramesPerSecond) : AnalysisSink
{
    private readonly long _minTicksBetweenFrames = (long)(Stopwatch.Frequency / Math.Max(0.1, maxFramesPerSecond));
    private long _lastSent = long.MinValue / 2;
    private FrameSize _frame;

    public override void OnStarted(AnalysisStart start) => _frame = start.Frame;

    public override void OnFrame(FrameAnalysis frame)
    {
        long now = Stopwatch.GetTimestamp();
        if (now - _lastSent < _minTicksBetweenFrames)
        {
            return;
        }

        _lastSent = now;
        var result = frame.Result;
        var tracks = TrackBox.From(result.Tracks, _frame.Width, _frame.Height);

        var zones = new ZoneLive[result.Zones.Count];
        for (int i = 0; i < zones.Length; i++)
        {
            var z = result.Zones[i];
            zones[i] = new ZoneLive(z.ZoneId, z.Current, z.Density is { } density ? Math.Round(density, 3) : null, z.Level);
        }

        notifier.Frame(new FrameMessage(videoId, Math.Round(frame.TimeSeconds, 3), frame.Index, result.People, tracks, zones, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
    }
}
