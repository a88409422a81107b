using System.Globalization;
using CrowdPortal.Core.Alerts;
using CrowdPortal.Core.Counting;
using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using CrowdPortal.Web.Analysis;
using Microsoft.EntityFrameworkCore;

namespace CrowdPortal.Web.Notifications.Mqtt;

/// <summary>One video or camera as an MQTT channel shows it: a Home Assistant device with its zones.</summary>
public sealed record MqttVideo(long VideoId, string Name, string Slug, bool IsCamera, IReadOnlyList<MqttZone> Zones);

/// <summary>
/// One zone's state topics' values, as text: an area (the whole frame among them) has <c>count</c>, <c>level</c> and,
/// when its area is known, <c>density</c>; a counting line has <c>in</c> and <c>out</c> (people across it so far).
/// </summary>
public sealed record MqttZone(string ZoneId, string Label, bool IsLine, bool HasDensity, IReadOnlyDictionary<string, string> Values);

/// <summary>
/// Reads the state topics' values of a user's videos and cameras (or the ones a channel is narrowed to) from the stored
/// zone counts: a zone's newest row gives its count, density and level, its running total (<see cref="ZoneTotal"/>, kept
/// as rows are stored rather than summed here every second) the people in and out.
/// A zone without any row yet reads as zeros and <c>normal</c>, so every topic exists from the first connection.
/// </summary>
public static class MqttZoneStates
{
    public const string Count = "count";
    public const string Density = "density";
    public const string Level = "level";
    public const string In = "in";
    public const string Out = "out";

    public static async Task<List<MqttVideo>> ReadAsync(CrowdPortalDbContext db, string userId, IReadOnlyCollection<long>? onlyVideoIds, CancellationToken ct)
    {
        var videoQuery = db.Videos.AsNoTracking().Where(v => v.UserId == userId);
        if (onlyVideoIds is { Count: > 0 })
        {
            videoQuery = videoQuery.Where(v => onlyVideoIds.Contains(v.Id));
        }

        var videos = await videoQuery.OrderBy(v => v.Id).Select(v => new { v.Id, v.FileName, v.SourceKind }).ToListAsync(ct);
        var ids = videos.Select(v => v.Id).ToList();
        if (ids.Count == 0)
        {
            return [];
        }

        var zones = await db.VideoZones.AsNoTracking().Where(z => ids.Contains(z.VideoId) && z.Kind != "mask")
            .OrderBy(z => z.SortOrder).ThenBy(z => z.Id)
            .Select(z => new { z.VideoId, z.ZoneId, z.Label, z.Kind, z.AreaM2 }).ToListAsync(ct);
        var newest = await db.ZoneCounts.AsNoTracking()
            .Where(c => ids.Contains(c.VideoId)
                && c.Ts == db.ZoneCounts.Where(d => d.VideoId == c.VideoId && d.ZoneId == c.ZoneId).Max(d => d.Ts))
            .Select(c => new { c.VideoId, c.ZoneId, c.Current, c.Density, c.Level }).ToListAsync(ct);
        var crossed = await db.ZoneTotals.AsNoTracking().Where(t => ids.Contains(t.VideoId))
            .Select(t => new { t.VideoId, t.ZoneId, In = t.Entries, Out = t.Exits }).ToListAsync(ct);
        var newestBy = newest.ToDictionary(n => (n.VideoId, n.ZoneId));
        var crossedBy = crossed.ToDictionary(c => (c.VideoId, c.ZoneId));

        var result = new List<MqttVideo>(videos.Count);
        foreach (var v in videos)
        {
            var list = new List<MqttZone>();
            var drawn = zones.Where(z => z.VideoId == v.Id).Select(z => (z.ZoneId, z.Label, IsLine: z.Kind == "line", HasDensity: z.AreaM2 is > 0));
            foreach (var (zoneId, label, isLine, hasDensity) in drawn.Prepend((CountSample.FrameZoneId, ZoneLabels.WholeFrameLabel, false, false)))
            {
                var values = new Dictionary<string, string>(StringComparer.Ordinal);
                if (isLine)
                {
                    crossedBy.TryGetValue((v.Id, zoneId), out var c);
                    values[In] = Text(c?.In ?? 0);
                    values[Out] = Text(c?.Out ?? 0);
                }
                else
                {
                    newestBy.TryGetValue((v.Id, zoneId), out var n);
                    values[Count] = Text(n?.Current ?? 0);
                    values[Level] = (n?.Level ?? AlertLevel.Normal).Name();
                    if (hasDensity)
                    {
                        values[Density] = (n?.Density ?? 0).ToString("0.###", CultureInfo.InvariantCulture);
                    }
                }

                list.Add(new MqttZone(zoneId, label, isLine, hasDensity, values));
            }

            result.Add(new MqttVideo(v.Id, v.FileName, MqttTopics.VideoSlug(v.FileName, v.Id), v.SourceKind != VideoSourceKind.Upload, list));
        }

        return result;
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
