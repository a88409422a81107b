using CrowdPortal.Core.Alerts;
using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CrowdPortal.Web.Notifications;

/// <summary>
/// What a channel receives, whatever its kind: its name, the event types, the videos/cameras it is narrowed to and the
/// minimum alert level. The Notifications page changes these on an existing channel (its address and secret stay), and
/// lists the user's videos and cameras to narrow to. Every query is filtered by the owner. The checks are the API's
/// (<see cref="ChannelReceivesRules"/>), in the page's words.
/// </summary>
public sealed class ChannelSubscription(CrowdPortalDbContext db, NotificationChannelService channels, ChannelReceivesRules rules)
{
    /// <summary>A video or camera a channel can be narrowed to.</summary>
    public sealed record Subject(long Id, string Name, string Kind);

    /// <summary>The user's videos and cameras, cameras first, then by name.</summary>
    public async Task<List<Subject>> SubjectsAsync(string userId, CancellationToken ct)
    {
        var rows = await db.Videos.AsNoTracking().Where(v => v.UserId == userId)
            .Select(v => new { v.Id, v.FileName, v.SourceKind }).ToListAsync(ct);
        return rows.Select(v => new Subject(v.Id, v.FileName, v.SourceKind == VideoSourceKind.Upload ? "video" : "camera"))
            .OrderBy(s => s.Kind == "camera" ? 0 : 1).ThenBy(s => s.Name, StringComparer.OrdinalIgnoreCase).ThenBy(s => s.Id).ToList();
    }

    /// <summary>Changes what the channel receives; null when there is no such channel of the user's.</summary>
    public async Task<NotificationChannelService.SaveResult?> ChangeAsync(
        string userId, long id, string? name, IReadOnlyList<string>? events, IReadOnlyList<long>? videoIds, string? minLevel, CancellationToken ct)
    {
        var channel = await db.NotificationChannels.FirstOrDefaultAsync(c => c.Id == id && c.UserId == userId, ct);
        if (channel is null)
        {
            return null;
        }

        if (await rules.CheckAsync(userId, name, events, videoIds, minLevel, ChannelReceivesRules.ForPage, ct) is { } error)
        {
            return new NotificationChannelService.SaveResult(null, error);
        }

        channel.Name = name!.Trim();
        channel.Events = string.Join(',', events!.Distinct());
        channel.VideoIds = ChannelFilter.JoinIds(videoIds?.Distinct().ToList());
        AlertLevelNames.TryParseAlertLevel(minLevel, out var level); // checked above
        channel.MinLevel = level;
        await db.SaveChangesAsync(ct);
        return new NotificationChannelService.SaveResult(await channels.FindAsync(userId, id, ct), null);
    }
}
