using System.Security.Cryptography;
using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrowdPortal.Web.Notifications;

/// <summary>
/// The SMTP server e-mail goes through: the one the administrator stored on Admin → Mail server (<c>mail_server</c>,
/// its password encrypted with Data Protection), or else the <c>Smtp:*</c> settings. Saving validates the fields and
/// keeps the stored password when none is given; the password never leaves this class except to the mail server.
/// </summary>
public sealed class MailServerStore(
    CrowdPortalDbContext db, IDataProtectionProvider protection, IOptions<SmtpSettings> configured, TimeProvider clock, ILogger<MailServerStore> logger)
{
    public const int MaxPasswordLength = 256;

    private readonly IDataProtector _protector = protection.CreateProtector("CrowdPortal.Notifications.MailServerPassword.v1");

    /// <summary>The stored row, or null when the <c>Smtp:*</c> settings apply.</summary>
    public Task<MailServer?> StoredAsync(CancellationToken ct) => db.MailServers.AsNoTracking().FirstOrDefaultAsync(m => m.Id == MailServer.SingleId, ct);

    /// <summary>The settings mail is sent with now.</summary>
    public async Task<SmtpSettings> EffectiveAsync(CancellationToken ct)
    {
        var stored = await StoredAsync(ct);
        if (stored is null)
        {
            return configured.Value;
        }

        string password = string.Empty;
        if (stored.PasswordProtected is not null)
        {
            try
            {
                password = _protector.Unprotect(stored.PasswordProtected);
            }
            catch (CryptographicException)
            {
                logger.LogError("The stored mail server password cannot be decrypted (were the data protection keys replaced?); enter it again on Admin → Mail server");
            }
        }

        return new SmtpSettings
        {
            Host = stored.Host,
            Port = stored.Port,
            Security = stored.Security,
            Username = stored.Username,
            Password = password,
            From = stored.From,
        };
    }

    public async Task<bool> IsConfiguredAsync(CancellationToken ct) => (await EffectiveAsync(ct)).IsConfigured;

    /// <summary>
    /// Validates and stores the administrator's server; <paramref name="password"/> null or empty keeps the stored one,
    /// <paramref name="clearPassword"/> removes it. Returns why not, or null when saved.
    /// </summary>
    public async Task<string?> SaveAsync(
        string? host, int port, string? security, string? username, string? password, bool clearPassword, string? from, string savedBy, CancellationToken ct)
    {
        host = host?.Trim() ?? string.Empty;
        username = username?.Trim() ?? string.Empty;
        from = from?.Trim() ?? string.Empty;
        if (host.Length is 0 or > 255 || Uri.CheckHostName(host) == UriHostNameType.Unknown)
        {
            return "Give the mail server's host name or IP address (e.g. smtp.example.com).";
        }

        var candidate = new SmtpSettings { Host = host, Port = port, Security = security ?? string.Empty, From = from };
        if (port is < 1 or > 65535)
        {
            return "The port must be between 1 and 65535 (usually 587 for STARTTLS, 465 for TLS on connect, 25 without).";
        }

        if (!candidate.IsValid())
        {
            return candidate.Security is "Auto" or "StartTls" or "SslOnConnect" or "None"
                ? "The sender address is not an e-mail address; give e.g. CrowdPortal <crowd@example.com>."
                : "TLS must be Auto, StartTls, SslOnConnect or None.";
        }

        if (from.Length > 320 || username.Length > 256 || (password?.Length ?? 0) > MaxPasswordLength)
        {
            return $"The sender address may have 320 characters, the user name 256 and the password {MaxPasswordLength}.";
        }

        var row = await db.MailServers.FirstOrDefaultAsync(m => m.Id == MailServer.SingleId, ct);
        if (row is null)
        {
            row = new MailServer();
            db.MailServers.Add(row);
        }

        row.Host = host;
        row.Port = port;
        row.Security = candidate.Security;
        row.Username = username;
        row.From = from;
        if (clearPassword)
        {
            row.PasswordProtected = null;
        }
        else if (!string.IsNullOrEmpty(password))
        {
            row.PasswordProtected = _protector.Protect(password);
        }

        row.UpdatedAt = clock.GetUtcNow().UtcDateTime;
        row.UpdatedBy = savedBy;
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Mail server set to {Host}:{Port} ({Security}) by {Administrator}", host, port, row.Security, savedBy);
        return null;
    }

    /// <summary>Forgets the stored server: the <c>Smtp:*</c> settings apply again.</summary>
    public async Task<bool> RemoveAsync(string removedBy, CancellationToken ct)
    {
        bool removed = await db.MailServers.Where(m => m.Id == MailServer.SingleId).ExecuteDeleteAsync(ct) > 0;
        if (removed)
        {
            logger.LogInformation("Stored mail server removed by {Administrator}; the Smtp settings apply", removedBy);
        }

        return removed;
    }
}
