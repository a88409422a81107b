namespace CrowdPortal.Data.Entities;

/// <summary>
/// The SMTP server e-mail channels send through, as the administrator stored it on Admin → Mail server (one row,
/// <see cref="SingleId"/>). When present it overrides the <c>Smtp:*</c> settings. The password is kept encrypted with
/// Data Protection and never shown again.
/// </summary>
public class MailServer
{
    public const int SingleId = 1;

    public int Id { get; set; } = SingleId;

    public string Host { get; set; } = string.Empty;

    public int Port { get; set; }

    /// <summary><c>Auto</c>, <c>StartTls</c>, <c>SslOnConnect</c> or <c>None</c>.</summary>
    public string Security { get; set; } = "Auto";

    public string Username { get; set; } = string.Empty;

    /// <summary>The password encrypted with Data Protection; null when none is stored.</summary>
    public string? PasswordProtected { get; set; }

    public string From { get; set; } = string.Empty;

    public DateTime UpdatedAt { get; set; }

    /// <summary>The administrator's user name who saved it last.</summary>
    public string UpdatedBy { get; set; } = string.Empty;
}
