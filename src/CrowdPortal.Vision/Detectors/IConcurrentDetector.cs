namespace CrowdPortal.Vision.Detectors;

/// <summary>
/// A detector whose <see cref="IPersonDetector.Detect"/> may be called from several threads at once, up to
/// <see cref="Concurrency"/> calls actually running in parallel (more wait). The analysis pipeline then detects that many
/// frames at once and still counts them in order.
/// </summary>
public interface IConcurrentDetector : IPersonDetector
{
    /// <summary>How many frames are detected at once at most.</summary>
    int Concurrency { get; }
}
