namespace CrowdPortal.Web.Notifications;

/// <summary>Notification delivery settings (section <c>Notifications</c>).</summary>
public sealed record NotificationSettings
{
    public const string SectionName = "Notifications";

    /// <summary>Failed attempts in a row after which a channel pauses until its owner resumes it.</summary>
    public int MaxFailures { get; init; } = 20;

    /// <summary>
    /// Whether webhooks may point at this server or a private network (127.0.0.0/8, ::1, 10/8, 172.16/12, 192.168/16,
    /// 100.64/10, fc00::/7). Off by default: a webhook there would let any account probe the server's own network.
    /// Link-local addresses (169.254.0.0/16, fe80::/10: cloud metadata services) are refused whatever this says.
    /// </summary>
    public bool AllowPrivateNetworks { get; init; }

    /// <summary>The portal's public address (e.g. <c>https://crowd.example.com</c>) for dashboard links in events; empty: links are relative paths.</summary>
    public string PortalUrl { get; init; } = string.Empty;

    /// <summary>How often each node looks for new events and due retries.</summary>
    public int PollMilliseconds { get; init; } = 500;

    /// <summary>
    /// How long a node's claim on a channel holds without renewal (renewed every third of it while the node sends): a
    /// node that dies mid-send holds its channels this long at most, unless it starts again first.
    /// </summary>
    public double ClaimSeconds { get; init; } = 15;

    /// <summary><see cref="ClaimSeconds"/> as a span: what each claim, webhook sender's or MQTT connection's, is made for.</summary>
    public TimeSpan ClaimFor => TimeSpan.FromSeconds(ClaimSeconds);

    /// <summary>The first retry's delay after a failure; it doubles per failure in a row up to <see cref="MaxBackoffSeconds"/>.</summary>
    public double InitialBackoffSeconds { get; init; } = 1;

    public double MaxBackoffSeconds { get; init; } = 300;

    /// <summary>How long a webhook receiver has to answer.</summary>
    public double TimeoutSeconds { get; init; } = 10;

    /// <summary>
    /// An e-mail channel sends at most one mail per zone (or per camera or video, for their own events) in this many
    /// minutes; events in between are folded into the next mail.
    /// </summary>
    public double EmailDigestMinutes { get; init; } = 5;

    /// <summary>
    /// A PEM file of certificate authorities trusted for MQTT brokers over TLS besides the system's (a broker whose
    /// certificate comes from a private CA, such as a home network's); empty: only the system's.
    /// </summary>
    public string MqttCaFile { get; init; } = string.Empty;

    /// <summary>Delivered messages are kept in the delivery log this long.</summary>
    public double KeepDeliveredDays { get; init; } = 7;

    public bool IsValid() =>
        MaxFailures >= 1 && PollMilliseconds >= 10 && ClaimSeconds >= 1 && InitialBackoffSeconds > 0 && MaxBackoffSeconds >= InitialBackoffSeconds
        && TimeoutSeconds > 0 && KeepDeliveredDays > 0 && EmailDigestMinutes >= 0
        && (PortalUrl.Length == 0 || Uri.TryCreate(PortalUrl, UriKind.Absolute, out _));
}
