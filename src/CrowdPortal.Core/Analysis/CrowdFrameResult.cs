using CrowdPortal.Core.Alerts;
using CrowdPortal.Core.Counting;
using CrowdPortal.Core.Tracking;

namespace CrowdPortal.Core.Analysis;

/// <summary>
/// What <see cref="CrowdCounter.ProcessFrame"/> produced for one frame. Owned by the caller and refilled (cleared
/// first) on each call, so one instance can be reused for a whole video without allocating.
/// </summary>
public sealed class CrowdFrameResult
{
    /// <summary>Video time of the frame, seconds.</summary>
    public double TimestampSeconds { get; internal set; }

    /// <summary>
    /// People in the frame after masks: detections with confidence ≥ <see cref="MinCountedConfidence"/>, weaker ones
    /// the tracker matched to a person it follows, and <see cref="HiddenPeople"/>.
    /// </summary>
    public int People { get; internal set; }

    /// <summary>Of <see cref="People"/>, followed people the detector missed in this frame who count as hidden.</summary>
    public int HiddenPeople { get; internal set; }

    /// <summary>Confidence from which a detection counts on its own (<see cref="CrowdCounterOptions.PeopleMinConfidence"/>).</summary>
    public float MinCountedConfidence { get; internal set; }

    /// <summary>Detections that survived the masks (all confidences).</summary>
    public List<Detection> Detections { get; } = [];

    /// <summary>Confirmed tracks matched in this frame.</summary>
    public List<TrackedPerson> Tracks { get; } = [];

    /// <summary>One entry per polygon and line zone, in zone order.</summary>
    public List<ZoneStatus> Zones { get; } = [];

    /// <summary>Count samples completed by this frame: per zone, plus the whole-frame series under <see cref="CountSample.FrameZoneId"/>.</summary>
    public List<CountSample> CompletedSamples { get; } = [];

    /// <summary>Alert events raised by this frame.</summary>
    public List<AlertEvent> AlertEvents { get; } = [];

    /// <summary>Empties every list and resets the numbers.</summary>
    public void Clear()
    {
        TimestampSeconds = 0;
        People = 0;
        HiddenPeople = 0;
        MinCountedConfidence = 0;
        Detections.Clear();
        Tracks.Clear();
        Zones.Clear();
        CompletedSamples.Clear();
        AlertEvents.Clear();
    }
}
