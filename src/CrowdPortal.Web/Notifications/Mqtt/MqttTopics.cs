using System.Globalization;
using System.Text;

namespace CrowdPortal.Web.Notifications.Mqtt;

/// <summary>
/// The topic layout of an MQTT channel, stated once: <c>&lt;prefix&gt;/available</c> (<c>online</c>/<c>offline</c>,
/// retained, the last will), <c>&lt;prefix&gt;/events</c> (every event's JSON, not retained) and one retained state topic
/// per zone metric, <c>&lt;prefix&gt;/&lt;video-or-camera slug&gt;/zone/&lt;zone&gt;/count|density|level|in|out</c>.
/// A slug is the name in lower-case letters, digits and dashes followed by the video's id, so it is unique and never
/// holds a character MQTT gives a meaning to (<c>/</c>, <c>+</c>, <c>#</c>).
/// </summary>
public static class MqttTopics
{
    public const string DefaultPrefix = "crowdportal";
    public const int MaxPrefixLength = 100;

    /// <summary>Where Home Assistant announces itself (<c>online</c>) after it starts: discovery is sent again then.</summary>
    public const string HomeAssistantStatus = "homeassistant/status";

    public const string Online = "online";
    public const string Offline = "offline";

    public static string Available(string prefix) => prefix + "/available";

    public static string Events(string prefix) => prefix + "/events";

    /// <summary>The state topic of one metric (<c>count</c>, <c>density</c>, <c>level</c>, <c>in</c> or <c>out</c>) of one zone.</summary>
    public static string ZoneMetric(string prefix, string videoSlug, string zoneId, string metric) =>
        $"{prefix}/{videoSlug}/zone/{Slug(zoneId)}/{metric}";

    /// <summary><c>vtest-avi-12</c> for video 12 named <c>vtest.avi</c>.</summary>
    public static string VideoSlug(string name, long videoId)
    {
        string slug = Slug(name);
        if (slug.Length > 40)
        {
            slug = slug[..40].TrimEnd('-');
        }

        return (slug.Length == 0 ? "video" : slug) + "-" + videoId.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Lower-case ASCII letters and digits, runs of anything else turned into one dash.</summary>
    public static string Slug(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char ch in text.ToLowerInvariant())
        {
            if (ch is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_')
            {
                sb.Append(ch);
            }
            else if (sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }
        }

        return sb.ToString().Trim('-');
    }

    /// <summary>
    /// Null when <paramref name="prefix"/> may start every topic of a channel, else why not: 1 to 100 characters, no
    /// wildcard (<c>+</c>, <c>#</c>), not starting with <c>$</c> (brokers keep those for themselves), no empty level
    /// (leading, trailing or double <c>/</c>), no control character.
    /// </summary>
    public static string? CheckPrefix(string? prefix)
    {
        if (string.IsNullOrEmpty(prefix) || prefix.Length > MaxPrefixLength)
        {
            return $"Give topicPrefix 1 to {MaxPrefixLength} characters, e.g. \"{DefaultPrefix}\".";
        }

        if (prefix.Contains('+', StringComparison.Ordinal) || prefix.Contains('#', StringComparison.Ordinal))
        {
            return "topicPrefix may not contain the MQTT wildcards + or #.";
        }

        if (prefix.StartsWith('$'))
        {
            return "topicPrefix may not start with $: brokers keep those topics for themselves.";
        }

        if (prefix.StartsWith('/') || prefix.EndsWith('/') || prefix.Contains("//", StringComparison.Ordinal))
        {
            return "topicPrefix may not start or end with / or hold an empty level (//).";
        }

        return prefix.Any(char.IsControl) ? "topicPrefix may not contain control characters." : null;
    }
}
