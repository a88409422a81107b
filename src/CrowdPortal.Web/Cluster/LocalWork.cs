using System.Collections.Concurrent;

namespace CrowdPortal.Web.Cluster;

/// <summary>The upload analyses running in this process now, for the <c>nodes</c> list of the System page.</summary>
public sealed class LocalWork
{
    private readonly ConcurrentDictionary<long, byte> _videos = new();

    public void Started(long videoId) => _videos[videoId] = 0;

    public void Ended(long videoId) => _videos.TryRemove(videoId, out _);

    public long[] Videos() => [.. _videos.Keys.Order()];
}
