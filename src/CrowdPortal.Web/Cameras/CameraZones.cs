using System.Text;
using CrowdPortal.Core.Zones;
using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using CrowdPortal.Web.Services;
using Microsoft.EntityFrameworkCore;

namespace CrowdPortal.Web.Cameras;

/// <summary>A camera's zones as stored, with a fingerprint so a running camera notices when the user edits them.</summary>
internal sealed record CameraZones(ZoneSet Zones, string Fingerprint)
{
    public static async Task<CameraZones> LoadAsync(CrowdPortalDbContext db, long cameraId, CancellationToken ct)
    {
        var rows = await db.VideoZones.AsNoTracking().Where(z => z.VideoId == cameraId).OrderBy(z => z.SortOrder).ToListAsync(ct);
        return new CameraZones(ZoneSet.Create(rows.Select(ZoneRowMapper.ToZone).ToList()), FingerprintOf(rows));
    }

    private static string FingerprintOf(List<VideoZone> rows)
    {
        var sb = new StringBuilder();
        foreach (var z in rows)
        {
            sb.Append(z.ZoneId).Append('|').Append(z.Label).Append('|').Append(z.Kind).Append('|').Append(z.Coordinates).Append('|')
                .Append(z.Warning).Append('|').Append(z.Critical).Append('|').Append(z.AreaM2).Append('|').Append(z.Anchor).Append('|')
                .Append(z.Inertia).Append(';');
        }

        return sb.ToString();
    }
}
