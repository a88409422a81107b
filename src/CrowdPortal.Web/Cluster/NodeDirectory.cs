using CrowdPortal.Web.Cameras;

namespace CrowdPortal.Web.Cluster;

/// <summary>The live nodes of the installation (<c>nodes</c> of the System page and the admin status API).</summary>
public abstract class NodeDirectory(ClusterNode node, LocalWork work, CameraSupervisor cameras, TimeProvider clock)
{
    protected ClusterNode Node { get; } = node;

    protected TimeProvider Clock { get; } = clock;

    public abstract Task<IReadOnlyList<NodeDto>> ListAsync(CancellationToken ct);

    /// <summary>This process as a node, now.</summary>
    public NodeDto ThisNode() =>
        new(Node.Name, Node.RoleName, Node.StartedAt, Clock.GetUtcNow().UtcDateTime, work.Videos(), cameras.RunningCameraIds());
}

/// <summary>The single-process portal: one node of role <c>all</c>.</summary>
public sealed class LocalNodeDirectory(ClusterNode node, LocalWork work, CameraSupervisor cameras, TimeProvider clock)
    : NodeDirectory(node, work, cameras, clock)
{
    public override Task<IReadOnlyList<NodeDto>> ListAsync(CancellationToken ct) => Task.FromResult<IReadOnlyList<NodeDto>>([ThisNode()]);
}
