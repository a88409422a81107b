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
    /// Detections below this confidence count in the frame-level people count and the heatmap only where the tracker's
    /// low-score stage matched them to a person it follows. 0 counts everything the detector returned. Set from the
    /// detector by <see cref="ForConfidentScore"/>.
    /// </summary>
    public float PeopleMinConfidence { get; init; }

    /// <summary>When the whole-frame count keeps a person the detector missed.</summary>
    public HiddenPeopleOptions HiddenPeople { get; init; } = new();

    /// <summary>
    /// These options for a detector whose boxes count on their own from <paramref name="confidentScore"/> up and below
    /// it only continue a followed person (see <c>IPersonDetector.ConfidentScore</c>): the people count, new tracks and
    /// the tracker's first stage take the confident boxes, its low-score stage all the others. 0 leaves them as they are.
    /// </summary>
    public CrowdCounterOptions ForConfidentScore(float confidentScore) => confidentScore <= 0 ? this : this with
    {
        PeopleMinConfidence = confidentScore,
        Tracker = Tracker with { HighScoreThreshold = confidentScore, NewTrackThreshold = confidentScore, LowScoreThreshold = 0f },
    };
}
