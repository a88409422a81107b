using CrowdPortal.Core;
using CrowdPortal.Vision.Detectors;
using CrowdPortal.Vision.Pipeline;
using OpenCvSharp;

namespace CrowdPortal.Vision.Scheduling;

/// <summary>
/// One client's (a live camera's) handle on a detector shared by all clients: <see cref="Detect"/> waits for the
/// client's turn at the shared <see cref="FairInferenceScheduler"/>, then runs on the shared detector (a
/// <see cref="DetectorPool"/> with a session per slot). So eight cameras use two single-threaded sessions on two cores
/// instead of eight sessions with two threads each fighting over them. Disposing it leaves the shared detector alone.
/// </summary>
public sealed class ScheduledDetector(IPersonDetector shared, FairInferenceScheduler scheduler, string client) : IPersonDetector, IStageTimedDetector
{
    public string Name => shared.Name;

    /// <summary>The client whose turns this detector waits for.</summary>
    public string Client => client;

    public DetectorStageTimes LastStageTimes { get; private set; }

    public void Detect(Mat bgrFrame, List<Detection> output)
    {
        using (scheduler.WaitTurn(client))
        {
            shared.Detect(bgrFrame, output);

            // Read on this thread: a pool keeps each thread's own last stage times.
            LastStageTimes = shared is IStageTimedDetector timed ? timed.LastStageTimes : default;
        }
    }

    public void Dispose()
    {
        // The shared detector belongs to whoever created it for all clients.
    }
}
