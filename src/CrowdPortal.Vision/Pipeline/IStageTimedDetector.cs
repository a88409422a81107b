namespace CrowdPortal.Vision.Pipeline;

/// <summary>
/// Optional: a detector that times its own stages (preprocess, inference, decode + NMS) exposes the last call's times,
/// so <c>crowdportal bench</c> can report them. Detectors without it are timed as a whole (all of it counts as inference).
/// </summary>
public interface IStageTimedDetector
{
    /// <summary>Stage times of the most recent <c>Detect</c> call.</summary>
    DetectorStageTimes LastStageTimes { get; }
}
