namespace CrowdPortal.Core.Alerts;

/// <summary>
/// The one place an <see cref="AlertLevel"/> becomes its lower-case word and back: the database column, query strings,
/// CSV, MQTT payloads and webhook bodies all carry "normal", "warning" or "critical", as they did before it was an enum.
/// </summary>
public static class AlertLevelNames
{
    public static string Name(this AlertLevel level) => level switch
    {
        AlertLevel.Warning => "warning",
        AlertLevel.Critical => "critical",
        _ => "normal",
    };

    /// <summary>The level a stored word names; one this version does not know reads as normal.</summary>
    public static AlertLevel Parse(string name) => TryParse(name, out var level) ? level : AlertLevel.Normal;

    /// <summary>
    /// A level a user chose for alerts (the alerts filter, a channel's minimum): absent (null: any level), "warning" or
    /// "critical"; false for anything else, "normal" included (no alert is normal).
    /// </summary>
    public static bool TryParseAlertLevel(string? name, out AlertLevel? level)
    {
        level = null;
        if (name is null)
        {
            return true;
        }

        if (TryParse(name, out var parsed) && parsed != AlertLevel.Normal)
        {
            level = parsed;
            return true;
        }

        return false;
    }

    /// <summary>Reads exactly "normal", "warning" or "critical" (what the portal writes and documents).</summary>
    public static bool TryParse(string? name, out AlertLevel level)
    {
        switch (name)
        {
            case "normal":
                level = AlertLevel.Normal;
                return true;
            case "warning":
                level = AlertLevel.Warning;
                return true;
            case "critical":
                level = AlertLevel.Critical;
                return true;
            default:
                level = AlertLevel.Normal;
                return false;
        }
    }
}
