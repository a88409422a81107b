using CrowdPortal.Core;
using CrowdPortal.Vision.Detectors;
using CrowdPortal.Vision.Pipeline;
using OpenCvSharp;

namespace CrowdPortal.Vision.Scheduling;

/// <summary>
/// One client's (a live camera's, an upload's) handle on a detector shared by all clients: <see cref="Detect"/> waits for
/// one of the client's turns at the shared <see cref="FairInferenceScheduler"/>, then runs on the shared detector (a
/// <see cref="DetectorPool"/> with a session per slot). So eight cameras use two single-threaded sessions on two cores
/// instead of eight sessions with two threads each fighting over them. Calls may overlap: each holds a slot of its own,
/// so a client alone on the machine runs as many frames at once as there are slots (its pipeline sees
/// <see cref="Concurrency"/>) instead of leaving all cores but one idle; with many clients the scheduler still shares
/// the turns, one frame per turn. Disposing it leaves the shared detector alone.
/// </summary>
public sealed class ScheduledDetector(IPersonDetector shared, FairInferenceScheduler scheduler, string client) : IConcurrentDetector, IStageTimedDetector
{
    public string Name => shared.Name;

    /// <inheritdoc />
    public float ConfidentScore => shared.ConfidentScore;

    /// <summary>The client whose turns this detector waits for.</summary>
    public string Client => client;

    /// <summary>Frames this client may detect at once: one per slot, no more than the shared detector runs in parallel.</summary>
    public int Concurrency { get; } = Math.Min(scheduler.Slots, shared is IConcurrentDetector concurrent ? Math.Max(1, concurrent.Concurrency) : 1);

    /// <summary>
    /// Stage times of the last <see cref="Detect"/> on the calling thread: read from the shared detector, which (a pool)
    /// keeps each thread's own; a plain detector has <see cref="Concurrency"/> 1, so only one call runs at a time.
    /// </summary>
    public DetectorStageTimes LastStageTimes => shared is IStageTimedDetector timed ? timed.LastStageTimes : default;

    public void Detect(Mat bgrFrame, List<Detection> output)
    {
        using (scheduler.WaitTurn(client))
        {
            shared.Detect(bgrFrame, output);
        }
    }

    public void Dispose()
    {
        // The shared detector belongs to whoever created it for all clients.
    }
}
