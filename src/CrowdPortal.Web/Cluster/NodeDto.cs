namespace CrowdPortal.Web.Cluster;

/// <summary>A live node of the installation as the System page lists it: what it is and what it is working on now.</summary>
public sealed record NodeDto(string Name, string Role, DateTime StartedAt, DateTime LastSeen, IReadOnlyList<long> Videos, IReadOnlyList<long> Cameras);
