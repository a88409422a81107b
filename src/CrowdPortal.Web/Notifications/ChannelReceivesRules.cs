using CrowdPortal.Core.Alerts;
using CrowdPortal.Data;
using Microsoft.EntityFrameworkCore;

namespace CrowdPortal.Web.Notifications;

/// <summary>
/// What a channel receives, whatever its kind, checked once for the API (<see cref="NotificationChannelService"/>) and the
/// Notifications page (<see cref="ChannelSubscription"/>): a name of 1 to 64 characters, at least one known event, a
/// minimum level of warning or critical (or none), and at most <see cref="MaxVideos"/> videos/cameras, all the user's.
/// Only the sentences differ: the API's name its JSON fields, the page's speak of the form.
/// </summary>
public sealed class ChannelReceivesRules(CrowdPortalDbContext db)
{
    public const int MaxVideos = 100;

    /// <summary>The sentences of one audience.</summary>
    public sealed record Wording(Func<string, string> UnknownEvent, string BadMinLevel, string VideoNotOwned);

    public static readonly Wording ForApi = new(
        unknown => $"'{Shorten(unknown)}' is not an event; use {string.Join(", ", NotificationEventTypes.All)}.",
        "minLevel must be \"warning\" or \"critical\" (or left out to send every level).",
        "videoIds names a video or camera you do not have.");

    public static readonly Wording ForPage = new(
        _ => ChooseEvents,
        "The minimum level is warning or critical (or any level).",
        "One of the chosen videos or cameras is not yours.");

    private static string ChooseEvents => "Choose at least one event to send: " + string.Join(", ", NotificationEventTypes.All) + ".";

    /// <summary>Null when the channel may receive this, else why not in <paramref name="wording"/>'s words.</summary>
    public async Task<string?> CheckAsync(
        string userId, string? name, IReadOnlyList<string>? events, IReadOnlyList<long>? videoIds, string? minLevel, Wording wording, CancellationToken ct)
    {
        if ((name?.Trim().Length ?? 0) is 0 or > 64)
        {
            return "Give the channel a name of 1 to 64 characters.";
        }

        if (events is null || events.Count == 0)
        {
            return ChooseEvents;
        }

        if (events.FirstOrDefault(e => !NotificationEventTypes.All.Contains(e)) is { } unknown)
        {
            return wording.UnknownEvent(unknown);
        }

        if (!AlertLevelNames.TryParseAlertLevel(minLevel, out _))
        {
            return wording.BadMinLevel;
        }

        if (videoIds is { Count: > 0 })
        {
            var distinct = videoIds.Distinct().ToList();
            if (distinct.Count > MaxVideos)
            {
                return $"Narrow a channel to at most {MaxVideos} videos or cameras.";
            }

            if (await db.Videos.CountAsync(v => distinct.Contains(v.Id) && v.UserId == userId, ct) != distinct.Count)
            {
                return wording.VideoNotOwned;
            }
        }

        return null;
    }

    public static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
