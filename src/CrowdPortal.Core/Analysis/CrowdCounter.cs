using CrowdPortal.Core.Alerts;
using CrowdPortal.Core.Counting;
using CrowdPortal.Core.Geometry;
using CrowdPortal.Core.Heatmaps;
using CrowdPortal.Core.Tracking;
using CrowdPortal.Core.Zones;

namespace CrowdPortal.Core.Analysis;

/// <summary>
/// The counting half of the pipeline, for one video or camera, with every rule in one place: masks drop detections →
/// frame people count → <see cref="ByteTracker"/> → a counter per polygon/line zone → a <see cref="CountSampler"/> per
/// zone (plus the whole-frame series) → an <see cref="AlertTracker"/> per polygon zone with thresholds →
/// <see cref="HeatmapAccumulator"/>. Feed it each frame's detections in video-time order; call <see cref="Flush"/> at
/// the end. Not thread-safe.
/// </summary>
public sealed class CrowdCounter
{
    private readonly MaskFilter _masks;
    private readonly ByteTracker _tracker;
    private readonly ZoneChannel[] _channels;
    private readonly CountSampler _frameSampler;
    private readonly HeatmapAccumulator _heatmap;
    private readonly List<LostPerson> _lost = [];
    private double _lastTimestamp;
    private double _secondsPerFrame;

    public CrowdCounter(ZoneSet zones, FrameSize frame, CrowdCounterOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(zones);
        Zones = zones;
        Frame = frame;
        Options = options ?? new CrowdCounterOptions();

        _masks = new MaskFilter(zones.Zones, frame);
        _tracker = new ByteTracker(Options.Tracker);
        _heatmap = new HeatmapAccumulator(frame, Options.Heatmap);
        _frameSampler = new CountSampler(CountSample.FrameZoneId, null, Options.SampleIntervalSeconds);

        var channels = new List<ZoneChannel>();
        foreach (ZoneDefinition zone in zones.Zones)
        {
            IZoneCounter? counter = zone.Kind switch
            {
                ZoneKind.Polygon => new PolygonZoneCounter(zone, frame, Options.MissingFramesBeforeExit),
                ZoneKind.Line => new LineZoneCounter(zone, frame),
                _ => null,
            };
            if (counter is null)
            {
                continue;
            }

            double? area = zone.Kind == ZoneKind.Polygon ? zone.AreaM2 : null;
            AlertTracker? alerts = DensityLevels.ThresholdsFor(zone) is AlertThresholds thresholds
                ? new AlertTracker(zone.ZoneId, thresholds, Options.Alerts)
                : null;
            channels.Add(new ZoneChannel(counter, new CountSampler(zone.ZoneId, area, Options.SampleIntervalSeconds), alerts));
        }

        _channels = [.. channels];
    }

    public ZoneSet Zones { get; }

    public FrameSize Frame { get; }

    public CrowdCounterOptions Options { get; }

    /// <summary>The accumulated heatmap (read it at any time, e.g. at the end for heatmap.png).</summary>
    public HeatmapAccumulator Heatmap => _heatmap;

    /// <summary>
    /// Processes one frame's detections (frame pixels) at video time <paramref name="timestampSeconds"/> (must not
    /// decrease). Clears <paramref name="result"/> and fills it.
    /// </summary>
    public void ProcessFrame(IReadOnlyList<Detection> detections, double timestampSeconds, CrowdFrameResult result)
    {
        ArgumentNullException.ThrowIfNull(detections);
        ArgumentNullException.ThrowIfNull(result);
        result.Clear();
        result.TimestampSeconds = timestampSeconds;

        _masks.Apply(detections, result.Detections);

        _tracker.Update(result.Detections, result.Tracks);
        result.MinCountedConfidence = Options.PeopleMinConfidence;
        result.People = CountPeople(result);
        _frameSampler.Add(timestampSeconds, new ZoneFrameCount(result.People, 0, 0), result.CompletedSamples);

        foreach (ZoneChannel channel in _channels)
        {
            ZoneDefinition zone = channel.Counter.Zone;
            ZoneFrameCount count = channel.Counter.Update(result.Tracks, timestampSeconds);
            channel.Sampler.Add(timestampSeconds, count, result.CompletedSamples);

            AlertLevel level = AlertLevel.Normal;
            if (channel.Alerts is AlertTracker alerts)
            {
                alerts.Update(timestampSeconds, DensityLevels.Measure(zone, count.Current), result.AlertEvents);
                level = alerts.Level;
            }

            DwellStats dwell = channel.Counter is PolygonZoneCounter polygon ? polygon.Dwell : DwellStats.None;
            double? density = zone.Kind == ZoneKind.Polygon && zone.AreaM2 is > 0 ? count.Current / zone.AreaM2.Value : null;
            result.Zones.Add(new ZoneStatus(
                zone.ZoneId, zone.Kind, count.Current, channel.Counter.TotalEntries, channel.Counter.TotalExits, density, level, dwell));
        }

        if (timestampSeconds > _lastTimestamp)
        {
            _secondsPerFrame = timestampSeconds - _lastTimestamp;
        }

        _lastTimestamp = timestampSeconds;
    }

    /// <summary>
    /// The whole-frame count: confident detections, weaker ones that continue a followed person, and followed people
    /// missed in this frame who count as hidden (<see cref="HiddenPeopleOptions"/>). Seen ones go to the heatmap.
    /// </summary>
    private int CountPeople(CrowdFrameResult result)
    {
        int people = 0;
        _heatmap.BeginFrame();
        foreach (Detection detection in result.Detections)
        {
            if (detection.Confidence >= Options.PeopleMinConfidence)
            {
                people++;
                _heatmap.AddPoint(detection.Anchor(Options.Heatmap.Anchor));
            }
        }

        foreach (TrackedPerson person in result.Tracks)
        {
            if (person.Detection.Confidence < Options.PeopleMinConfidence)
            {
                people++;
                _heatmap.AddPoint(person.Anchor(Options.Heatmap.Anchor));
            }
        }

        _tracker.CollectLost(_lost);
        foreach (LostPerson person in _lost)
        {
            if (Options.HiddenPeople.Counts(person, Frame, _secondsPerFrame))
            {
                people++;
                result.HiddenPeople++;
            }
        }

        return people;
    }

    /// <summary>
    /// End of video: clears <paramref name="result"/> and fills <see cref="CrowdFrameResult.CompletedSamples"/> with the
    /// last partial interval of every series and <see cref="CrowdFrameResult.AlertEvents"/> with the end of any open alert.
    /// </summary>
    public void Flush(CrowdFrameResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        result.Clear();
        result.TimestampSeconds = _lastTimestamp;
        _frameSampler.Flush(result.CompletedSamples);
        foreach (ZoneChannel channel in _channels)
        {
            channel.Sampler.Flush(result.CompletedSamples);
            channel.Alerts?.Flush(_lastTimestamp, result.AlertEvents);
        }
    }

    /// <summary>Everything that follows one zone through the video.</summary>
    private sealed record ZoneChannel(IZoneCounter Counter, CountSampler Sampler, AlertTracker? Alerts);
}
