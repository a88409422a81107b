namespace CrowdPortal.Web.Notifications;

/// <summary>
/// The SMTP server e-mail channels send through (section <c>Smtp</c>), set by the administrator; e-mail channels cannot
/// be created while <see cref="Host"/> is empty.
/// </summary>
public sealed record SmtpSettings
{
    public const string SectionName = "Smtp";

    public string Host { get; init; } = string.Empty;

    public int Port { get; init; } = 587;

    /// <summary><c>Auto</c> (TLS when the port or server offers it), <c>StartTls</c>, <c>SslOnConnect</c> or <c>None</c>.</summary>
    public string Security { get; init; } = "Auto";

    public string Username { get; init; } = string.Empty;

    /// <summary>The SMTP password: give it as an environment variable or a secret store entry, never in a committed file.</summary>
    public string Password { get; init; } = string.Empty;

    /// <summary>The sender address, e.g. <c>CrowdPortal &lt;crowd@example.com&gt;</c>.</summary>
    public string From { get; init; } = "CrowdPortal <crowdportal@localhost>";

    public bool IsConfigured => Host.Length > 0;

    public bool IsValid() =>
        Port is > 0 and < 65536 && Security is "Auto" or "StartTls" or "SslOnConnect" or "None"
        && MimeKit.MailboxAddress.TryParse(From, out _);
}
