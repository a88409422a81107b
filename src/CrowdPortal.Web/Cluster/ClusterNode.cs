namespace CrowdPortal.Web.Cluster;

/// <summary>What one process of the portal does (section <c>Cluster</c>).</summary>
public enum ClusterRole
{
    /// <summary>Pages, API and hubs, and the analysis work: the single-process default.</summary>
    All,

    /// <summary>Pages, API, hubs, uploads and browser webcams; no upload analysis, no IP camera.</summary>
    Web,

    /// <summary>Upload analyses and IP cameras; serves only the health endpoints.</summary>
    Worker,
}

/// <summary>
/// This process's place in the installation, read once from the configuration: its role, its name, and whether it is
/// one node of a cluster (<c>ConnectionStrings:Redis</c> set) or the whole portal in one process.
/// </summary>
public sealed class ClusterNode
{
    public const string SectionName = "Cluster";

    private ClusterNode(ClusterRole role, string name, string? redis)
    {
        Role = role;
        Name = name;
        RedisConnectionString = redis;
    }

    public ClusterRole Role { get; }

    /// <summary>Shown on the System page and in the job dashboard; default: host name and process id.</summary>
    public string Name { get; }

    /// <summary>The Redis that coordinates the nodes; null in the single-process default.</summary>
    public string? RedisConnectionString { get; }

    public bool IsCluster => RedisConnectionString is not null;

    /// <summary>Serves pages, the API and the hubs.</summary>
    public bool ServesWeb => Role != ClusterRole.Worker;

    /// <summary>Runs upload analyses and IP cameras.</summary>
    public bool RunsWork => Role != ClusterRole.Web;

    public string RoleName => Role.ToString().ToLowerInvariant();

    public DateTime StartedAt { get; } = DateTime.UtcNow;

    /// <summary>Why this configuration cannot start, in one sentence; null when it can.</summary>
    public static string? ConfigurationProblem(IConfiguration configuration)
    {
        string? role = configuration[$"{SectionName}:Role"];
        if (!string.IsNullOrWhiteSpace(role) && !Enum.TryParse<ClusterRole>(role, ignoreCase: true, out _))
        {
            return $"Cluster:Role is '{role}'; use all, web or worker.";
        }

        string? redis = Redis(configuration);
        string provider = configuration["Database:Provider"] ?? "Sqlite";
        if (redis is not null && !provider.Equals("MySql", StringComparison.OrdinalIgnoreCase))
        {
            return "Cluster mode (ConnectionStrings:Redis is set) needs a database every node can reach: set Database:Provider to MySql "
                + "and ConnectionStrings:MySql (the embedded SQLite file is for the single-process portal).";
        }

        if (redis is null && !string.IsNullOrWhiteSpace(role) && !role.Equals("all", StringComparison.OrdinalIgnoreCase))
        {
            return $"Cluster:Role '{role}' needs cluster mode: set ConnectionStrings:Redis (without it the portal runs as one process, role all).";
        }

        return null;
    }

    /// <summary>Reads the node from a configuration that <see cref="ConfigurationProblem"/> accepted.</summary>
    public static ClusterNode FromConfiguration(IConfiguration configuration)
    {
        string? role = configuration[$"{SectionName}:Role"];
        var parsed = string.IsNullOrWhiteSpace(role) ? ClusterRole.All : Enum.Parse<ClusterRole>(role, ignoreCase: true);
        string? name = configuration[$"{SectionName}:NodeName"];
        if (string.IsNullOrWhiteSpace(name))
        {
            name = $"{Environment.MachineName}-{Environment.ProcessId}";
        }

        return new ClusterNode(parsed, name.Trim(), Redis(configuration));
    }

    private static string? Redis(IConfiguration configuration)
    {
        string? redis = configuration.GetConnectionString("Redis");
        return string.IsNullOrWhiteSpace(redis) ? null : redis;
    }
}
