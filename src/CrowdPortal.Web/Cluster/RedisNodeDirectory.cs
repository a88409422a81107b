using System.Text.Json;
using CrowdPortal.Web.Cameras;
using StackExchange.Redis;

namespace CrowdPortal.Web.Cluster;

/// <summary>
/// Cluster mode: each node writes what it is doing to a Redis key that expires unless rewritten
/// (<see cref="NodeDirectoryHostedService"/>), so a node that dies drops off the list by itself. This is status for
/// people, not coordination: nothing decides who does what from it (Hangfire and the camera leases do that).
/// </summary>
public sealed class RedisNodeDirectory(IConnectionMultiplexer redis, ClusterNode node, LocalWork work, CameraSupervisor cameras, TimeProvider clock)
    : NodeDirectory(node, work, cameras, clock)
{
    public static readonly TimeSpan PublishEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(20);
    private static readonly RedisKey Index = ClusterServiceCollectionExtensions.RedisPrefix + "nodes";

    private static RedisKey EntryKey(string name) => $"{ClusterServiceCollectionExtensions.RedisPrefix}node:{name}";

    public async Task PublishAsync()
    {
        var self = ThisNode();
        var db = redis.GetDatabase();
        long now = Clock.GetUtcNow().ToUnixTimeMilliseconds();
        await db.StringSetAsync(EntryKey(self.Name), JsonSerializer.Serialize(self), Lifetime);
        await db.SortedSetAddAsync(Index, self.Name, now);
        await db.SortedSetRemoveRangeByScoreAsync(Index, double.NegativeInfinity, now - Lifetime.TotalMilliseconds);
    }

    public async Task WithdrawAsync()
    {
        var db = redis.GetDatabase();
        await db.KeyDeleteAsync(EntryKey(Node.Name));
        await db.SortedSetRemoveAsync(Index, Node.Name);
    }

    public override async Task<IReadOnlyList<NodeDto>> ListAsync(CancellationToken ct)
    {
        var db = redis.GetDatabase();
        var names = await db.SortedSetRangeByRankAsync(Index);
        if (names.Length == 0)
        {
            return [];
        }

        var values = await db.StringGetAsync(names.Select(n => EntryKey(n!)).ToArray());
        return values.Where(v => v.HasValue)
            .Select(v => JsonSerializer.Deserialize<NodeDto>(v.ToString())!)
            .OrderBy(n => n.Role).ThenBy(n => n.Name, StringComparer.Ordinal)
            .ToList();
    }
}
