using CrowdPortal.Core.Zones;
using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using CrowdPortal.Web.Cameras;
using Microsoft.EntityFrameworkCore;

namespace CrowdPortal.Web.Services;

/// <summary>
/// Reads and replaces the zones of a user's video or camera. Null/false answers mean "no such video for this user".
/// A camera's new zones are announced (<see cref="CameraChanges"/>), so a running camera counts with them at once.
/// </summary>
public sealed class ZoneService(CrowdPortalDbContext db, CameraChanges changes)
{
    public async Task<ZoneSet?> GetAsync(string userId, long videoId, CancellationToken ct)
    {
        if (!await db.Videos.AnyAsync(v => v.Id == videoId && v.UserId == userId, ct))
        {
            return null;
        }

        var rows = await db.VideoZones.AsNoTracking().Where(z => z.VideoId == videoId).OrderBy(z => z.SortOrder).ToListAsync(ct);
        return ZoneSet.Create(rows.Select(ZoneRowMapper.ToZone).ToList());
    }

    /// <summary>Replaces all zones of the video in one transaction, so a failure leaves the old zones in place.</summary>
    public async Task<bool> ReplaceAsync(string userId, long videoId, ZoneSet zones, CancellationToken ct)
    {
        var kind = await db.Videos.Where(v => v.Id == videoId && v.UserId == userId).Select(v => (VideoSourceKind?)v.SourceKind).FirstOrDefaultAsync(ct);
        if (kind is null)
        {
            return false;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.VideoZones.Where(z => z.VideoId == videoId).ExecuteDeleteAsync(ct);
        for (int i = 0; i < zones.Zones.Count; i++)
        {
            db.VideoZones.Add(ZoneRowMapper.ToRow(videoId, zones.Zones[i], i));
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (kind != VideoSourceKind.Upload)
        {
            await changes.PublishAsync(CameraChange.ZonesOf(videoId)); // after the commit: whoever re-reads sees the new zones
        }

        return true;
    }
}
