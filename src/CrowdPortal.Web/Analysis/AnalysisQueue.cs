using System.Collections.Concurrent;
using System.Threading.Channels;

namespace CrowdPortal.Web.Analysis;

/// <summary>
/// Videos waiting for analysis, and a cancel switch for each one queued or running. The database row's status is the
/// durable record (it survives a restart); this queue is only the in-process hand-over to the workers.
/// </summary>
public sealed class AnalysisQueue
{
    private readonly Channel<long> _pending = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = false });
    private readonly ConcurrentDictionary<long, CancellationTokenSource> _active = new();

    public ChannelReader<long> Reader => _pending.Reader;

    /// <summary>Queues a video; false when it is already queued or running.</summary>
    public bool TryEnqueue(long videoId)
    {
        var cancel = new CancellationTokenSource();
        if (!_active.TryAdd(videoId, cancel))
        {
            cancel.Dispose();
            return false;
        }

        _pending.Writer.TryWrite(videoId);
        return true;
    }

    /// <summary>The token a worker runs the video's job under; cancelled by <see cref="Cancel"/>.</summary>
    public CancellationToken TokenFor(long videoId) =>
        _active.TryGetValue(videoId, out var cancel) ? cancel.Token : new CancellationToken(canceled: true);

    public bool IsActive(long videoId) => _active.ContainsKey(videoId);

    /// <summary>Asks a queued or running job to stop; false when there is none.</summary>
    public bool Cancel(long videoId)
    {
        if (!_active.TryGetValue(videoId, out var cancel))
        {
            return false;
        }

        cancel.Cancel();
        return true;
    }

    /// <summary>Called by the worker when the job is over, however it ended.</summary>
    public void Complete(long videoId)
    {
        if (_active.TryRemove(videoId, out var cancel))
        {
            cancel.Dispose();
        }
    }
}
