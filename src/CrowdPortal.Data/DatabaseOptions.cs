namespace CrowdPortal.Data;

/// <summary>Which database CrowdPortal uses (section <c>Database</c>).</summary>
public sealed record DatabaseOptions
{
    public const string SectionName = "Database";

    /// <summary><see cref="DatabaseProvider.Sqlite"/> (embedded, the default) or <see cref="DatabaseProvider.MySql"/> (MySQL 8 / MariaDB 10.11+).</summary>
    public DatabaseProvider Provider { get; init; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// MySQL server version such as <c>8.0.36-mysql</c> or <c>10.11.6-mariadb</c>; empty asks the server at start-up.
    /// </summary>
    public string? MySqlServerVersion { get; init; }
}

public enum DatabaseProvider
{
    Sqlite,
    MySql,
}
