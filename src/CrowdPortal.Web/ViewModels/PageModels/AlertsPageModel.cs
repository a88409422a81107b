using CrowdPortal.Core.Alerts;
using CrowdPortal.Web.Services;

namespace CrowdPortal.Web.ViewModels.PageModels;

/// <summary>
/// The Alerts page: the user's videos for the video filter, and the filter values from the query string. The table
/// itself is loaded by wwwroot/js/alerts.js from <c>GET /api/v1/alerts</c> so acknowledging updates it in place.
/// </summary>
public sealed record AlertsPageModel(IReadOnlyList<VideoDto> Videos, AlertFilter Filter);

/// <summary>
/// Which alerts to show. Empty values mean "any". Values are checked against fixed lists so nothing odd reaches the
/// page's script.
/// </summary>
public sealed record AlertFilter(long? VideoId, AlertLevel? Level, string? Zone, bool? Acknowledged)
{
    private const int MaxZoneLength = 64;

    public static AlertFilter From(long? videoId, string? level, string? zone, bool? acknowledged) => new(
        videoId is > 0 ? videoId : null,
        AlertLevelNames.TryParseAlertLevel(level, out var wanted) ? wanted : null,
        string.IsNullOrWhiteSpace(zone) || zone.Length > MaxZoneLength ? null : zone.Trim(),
        acknowledged);
}
