using CrowdPortal.Web.Notifications;

namespace CrowdPortal.Web.ViewModels;

/// <summary>Admin → Mail server: the stored SMTP server (never its password), or the <c>Smtp:*</c> settings in use.</summary>
public sealed class MailServerPageModel
{
    public MailServerForm Form { get; set; } = new();

    /// <summary>True when nothing is stored and mail goes by the <c>Smtp:*</c> settings.</summary>
    public bool FromSettings { get; set; }

    /// <summary>Whether a password is stored (it is never shown).</summary>
    public bool PasswordStored { get; set; }

    public DateTime? UpdatedAt { get; set; }

    public string? UpdatedBy { get; set; }

    /// <summary>Where the last test mail was to go.</summary>
    public string TestTo { get; set; } = string.Empty;

    public string? Message { get; set; }

    public string? Error { get; set; }
}

/// <summary>
/// The mail server form; <see cref="Password"/> is write-only: empty keeps the stored one. Text fields are nullable so
/// that an empty one reaches the store's validation (its message) rather than MVC's implicit "required".
/// </summary>
public sealed class MailServerForm
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary><c>Auto</c>, <c>StartTls</c>, <c>SslOnConnect</c> or <c>None</c>.</summary>
    public string? Security { get; set; } = "Auto";

    public string? Username { get; set; }

    public string? Password { get; set; }

    public bool ClearPassword { get; set; }

    public string? From { get; set; }

    public static MailServerForm Of(SmtpSettings s) =>
        new() { Host = s.Host, Port = s.Port, Security = s.Security, Username = s.Username, From = s.From };
}
