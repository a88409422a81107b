using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CrowdPortal.Web.Notifications;

/// <summary>
/// Turns the events of one zone (or one camera or video) into one e-mail: a subject naming the place and what happened,
/// and a plain-text line per event with its time, type, level and value, then the dashboard link.
/// </summary>
public static class EmailDigest
{
    public sealed record Mail(string Subject, string Text);

    /// <param name="bodies">The events' JSON bodies (<c>{"type", "timestamp", "data"}</c>), oldest first.</param>
    public static Mail Compose(IReadOnlyList<string> bodies)
    {
        var events = bodies.Select(b => JsonDocument.Parse(b).RootElement.Clone()).ToList();
        var first = events[0];
        var data = first.GetProperty("data");
        string place = Place(data);
        string subject = events.Count == 1
            ? $"[CrowdPortal] {place}: {Describe(first)}"
            : $"[CrowdPortal] {place}: {events.Count} events";

        var text = new StringBuilder();
        text.Append(place).Append("\n\n");
        foreach (var e in events)
        {
            string time = e.GetProperty("timestamp").GetDateTime().ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            text.Append("- ").Append(time).Append(" UTC  ").Append(Describe(e)).Append('\n');
        }

        if (String(data, "url") is { } url)
        {
            text.Append("\nDashboard: ").Append(url).Append('\n');
        }

        text.Append("\nSent by CrowdPortal. Change or pause this channel under Settings → Notifications.\n");
        return new Mail(subject, text.ToString());
    }

    private static string Place(JsonElement data)
    {
        string name = String(data, "name") ?? String(data, "channel") ?? "CrowdPortal";
        return String(data, "zone") is { } zone ? $"{name} / {zone}" : name; // ASCII: the subject stays readable unencoded
    }

    /// <summary>E.g. "alert started (warning, 6 people)", "camera offline (reconnecting)", "analysis failed: …".</summary>
    private static string Describe(JsonElement e)
    {
        string type = e.GetProperty("type").GetString()!;
        var data = e.GetProperty("data");
        string words = type.Replace('.', ' ');
        if (String(data, "level") is { } level && data.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Number)
        {
            return $"{words} ({level}, {value.GetDouble().ToString("0.##", CultureInfo.InvariantCulture)} {String(data, "unit")})";
        }

        if (String(data, "state") is { } state)
        {
            return $"{words} ({state})";
        }

        if (String(data, "error") is { } error)
        {
            return $"{words}: {error}";
        }

        return String(data, "message") is { } message ? $"{words}: {message}" : words;
    }

    private static string? String(JsonElement data, string name) =>
        data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
