using CrowdPortal.Core.Alerts;
using CrowdPortal.Core.Counting;
using CrowdPortal.Core.Heatmaps;
using CrowdPortal.Core.Tracking;

namespace CrowdPortal.Core.Analysis;

/// <summary>Settings of <see cref="CrowdCounter"/>; each part has its own options record.</summary>
public sealed record CrowdCounterOptions
{
    public TrackerOptions Tracker { get; init; } = new();

    public AlertOptions Alerts { get; init; } = new();

    public HeatmapOptions Heatmap { get; init; } = new();

    /// <summary>Seconds of video per count sample (default 1).</summary>
    public double SampleIntervalSeconds { get; init; } = CountSampler.DefaultIntervalSeconds;

    /// <summary>
    /// Frames a tracked person may be missing before polygon zones count them as gone (see
    /// <see cref="PolygonZoneCounter.MissingFramesBeforeExit"/>). Default 10 (1 s at 10 fps).
    /// </summary>
    public int MissingFramesBeforeExit { get; init; } = PolygonZoneCounter.DefaultMissingFramesBeforeExit;

    /// <summary>
    /// Detections below this confidence are not counted in the frame-level people count or the heatmap (they still
    /// reach the tracker's low-score stage). 0 counts everything the detector returned; raise it to the detector's
    /// usual threshold if the detector is run low for the tracker's sake.
    /// </summary>
    public float PeopleMinConfidence { get; init; }
}
