namespace CrowdPortal.Web.Notifications;

/// <summary>
/// What POST and PUT /api/v1/channels take: <c>kind</c> (<c>webhook</c> or <c>email</c>), a name, the webhook's
/// <c>url</c> or the e-mail channel's <c>to</c> (addresses, comma-separated), the
/// <c>events</c> to send, and optionally <c>videoIds</c> (only these videos/cameras) and <c>minLevel</c>
/// (<c>warning</c>/<c>critical</c>: lower alerts are not sent). An <c>mqtt</c> channel takes its broker's <c>host</c>,
/// <c>port</c> (default 1883, or 8883 with <c>tls</c>), <c>username</c>, <c>password</c> (stored encrypted, never
/// returned; left out on PUT it stays) and <c>topicPrefix</c> (default <c>crowdportal</c>).
/// </summary>
public sealed record ChannelRequest(
    string? Kind, string? Name, string? Url, IReadOnlyList<string>? Events, IReadOnlyList<long>? VideoIds, string? MinLevel, string? To = null,
    string? Host = null, int? Port = null, bool? Tls = null, string? Username = null, string? Password = null, string? TopicPrefix = null);
