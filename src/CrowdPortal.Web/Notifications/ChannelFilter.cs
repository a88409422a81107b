using System.Globalization;
using CrowdPortal.Core.Alerts;
using CrowdPortal.Data.Entities;

namespace CrowdPortal.Web.Notifications;

/// <summary>Which events a channel receives: its owner's, of the types it subscribes to, narrowed by videos and level.</summary>
public static class ChannelFilter
{
    public static bool Accepts(NotificationChannel channel, NotificationEvent e)
    {
        if (e.ChannelId is long only)
        {
            return only == channel.Id; // a test event, for one channel whatever it subscribes to
        }

        if (channel.UserId != e.UserId || !SplitEvents(channel.Events).Contains(e.Type, StringComparer.Ordinal))
        {
            return false;
        }

        if (channel.VideoIds is not null && (e.VideoId is not long videoId || !SplitIds(channel.VideoIds).Contains(videoId)))
        {
            return false;
        }

        // The minimum level concerns alert events; others have no level and pass.
        return channel.MinLevel is not AlertLevel minimum || e.Level is not AlertLevel level || level >= minimum;
    }

    public static string[] SplitEvents(string events) => events.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public static long[] SplitIds(string? ids) =>
        ids is null ? [] : ids.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToArray();

    public static string? JoinIds(IReadOnlyCollection<long>? ids) =>
        ids is null || ids.Count == 0 ? null : string.Join(',', ids.Select(i => i.ToString(CultureInfo.InvariantCulture)));
}
