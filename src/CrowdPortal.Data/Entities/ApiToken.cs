namespace CrowdPortal.Data.Entities;

/// <summary>
/// A personal API token. Only a SHA-256 hash of the secret is stored; the secret is shown once, when created.
/// </summary>
public class ApiToken
{
    public long Id { get; set; }

    public required string UserId { get; set; }

    /// <summary>The user's own label for the token, e.g. "grafana".</summary>
    public required string Name { get; set; }

    /// <summary>Hex SHA-256 of the whole token string.</summary>
    public required string TokenHash { get; set; }

    /// <summary>The token's first characters, shown in the list so a user can tell tokens apart.</summary>
    public required string Prefix { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public DateTime? LastUsedAt { get; set; }

    public AppUser? User { get; set; }
}
