using System.Security.Cryptography;
using System.Text;
using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CrowdPortal.Web.Services;

/// <summary>Creates, lists, revokes and checks personal API tokens. Only a SHA-256 hash of a token is stored.</summary>
public sealed class ApiTokenService(CrowdPortalDbContext db, TimeProvider clock)
{
    public const int MaxNameLength = 64;
    private const string TokenPrefix = "cpt_";

    /// <summary>Creates a token; the returned secret is shown to the user once and never again.</summary>
    public async Task<(ApiToken Token, string Secret)> CreateAsync(string userId, string name, CancellationToken ct)
    {
        string secret = TokenPrefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var token = new ApiToken
        {
            UserId = userId,
            Name = name.Trim(),
            TokenHash = Hash(secret),
            Prefix = secret[..(TokenPrefix.Length + 6)],
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return (token, secret);
    }

    public Task<List<ApiToken>> ListAsync(string userId, CancellationToken ct) =>
        db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId).OrderByDescending(t => t.CreatedAt).ToListAsync(ct);

    /// <summary>Revokes one of the user's tokens; false when the user has no such token.</summary>
    public async Task<bool> RevokeAsync(string userId, long tokenId, CancellationToken ct) =>
        await db.ApiTokens.Where(t => t.UserId == userId && t.Id == tokenId).ExecuteDeleteAsync(ct) > 0;

    /// <summary>The owner of a token, or null when the token is unknown or revoked. Records when it was last used.</summary>
    public async Task<(string UserId, string? UserName)?> FindUserAsync(string secret, CancellationToken ct)
    {
        if (!secret.StartsWith(TokenPrefix, StringComparison.Ordinal) || secret.Length > 128)
        {
            return null;
        }

        string hash = Hash(secret);
        var token = await db.ApiTokens.Include(t => t.User).FirstOrDefaultAsync(t => t.TokenHash == hash, ct);
        if (token is null)
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (token.LastUsedAt is null || now - token.LastUsedAt > TimeSpan.FromMinutes(1))
        {
            token.LastUsedAt = now;
            await db.SaveChangesAsync(ct);
        }

        return (token.UserId, token.User?.UserName);
    }

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
