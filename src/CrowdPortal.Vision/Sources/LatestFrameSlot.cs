using OpenCvSharp;

namespace CrowdPortal.Vision.Sources;

/// <summary>
/// A one-frame mailbox between a producer (a stream reader, pushed JPEGs) and the consumer: publishing overwrites the
/// frame the consumer has not taken yet, so a slow consumer always gets the newest frame and never falls behind.
/// </summary>
internal sealed class LatestFrameSlot : IDisposable
{
    /// <summary>How often a waiting consumer wakes to look at its cancellation token.</summary>
    private static readonly TimeSpan CancellationPoll = TimeSpan.FromMilliseconds(100);

    private readonly object _gate = new();
    private readonly Mat _latest = new();
    private long _latestIndex = -1;
    private long _takenIndex = -1;
    private double _latestTime;
    private bool _completed;
    private bool _disposed;

    /// <summary>Number of frames published so far.</summary>
    public long PublishedCount
    {
        get
        {
            lock (_gate)
            {
                return _latestIndex + 1;
            }
        }
    }

    /// <summary>Number of published frames that were overwritten before the consumer took them.</summary>
    public long DroppedCount { get; private set; }

    /// <summary>Copies <paramref name="frame"/> in as the newest frame, replacing one not yet taken.</summary>
    public void Publish(Mat frame, double timeSeconds)
    {
        lock (_gate)
        {
            if (_completed || _disposed)
            {
                return;
            }

            if (_latestIndex > _takenIndex)
            {
                DroppedCount++;
            }

            frame.CopyTo(_latest);
            _latestIndex++;
            _latestTime = timeSeconds;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Ends the sequence: a waiting or later <see cref="TryTake"/> returns false once the last frame is taken.</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Waits for a frame newer than the last one taken and copies it into <paramref name="destination"/>.</summary>
    public bool TryTake(Mat destination, out FrameStamp stamp, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            while (_latestIndex <= _takenIndex)
            {
                if (_completed || _disposed)
                {
                    stamp = default;
                    return false;
                }

                cancellationToken.ThrowIfCancellationRequested();
                Monitor.Wait(_gate, CancellationPoll);
            }

            _latest.CopyTo(destination);
            _takenIndex = _latestIndex;
            stamp = new FrameStamp(_latestIndex, _latestTime);
            return true;
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _latest.Dispose();
            Monitor.PulseAll(_gate);
        }
    }
}
