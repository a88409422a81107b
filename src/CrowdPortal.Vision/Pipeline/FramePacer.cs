using System.Diagnostics;

namespace CrowdPortal.Vision.Pipeline;

/// <summary>
/// Spaces frame reads to at most a given rate on a fixed schedule (a read every 1/fps from the first one). A read that
/// comes late (the detector was busy, the machine loaded) lets the next one follow sooner, so the rate still reaches the
/// cap on average; a read more than one interval late restarts the schedule, so no burst of catch-up reads follows.
/// </summary>
internal sealed class FramePacer(double framesPerSecond)
{
    private readonly long _interval = (long)(Stopwatch.Frequency / framesPerSecond);
    private long _due;

    /// <summary>Waits until the next read is due and books the one after it.</summary>
    public async Task WaitForNextAsync(CancellationToken cancellationToken)
    {
        long now = Stopwatch.GetTimestamp();
        if (_due == 0)
        {
            _due = now;
        }
        else if (_due > now)
        {
            await Task.Delay(Stopwatch.GetElapsedTime(now, _due), cancellationToken).ConfigureAwait(false);
        }

        _due = Math.Max(_due, now - _interval) + _interval;
    }
}
