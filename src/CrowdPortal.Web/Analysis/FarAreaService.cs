using CrowdPortal.Core.Analysis;
using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CrowdPortal.Web.Analysis;

/// <summary>
/// Sets or clears the far area of a user's upload or camera (<see cref="FarArea"/>). Like tiling, an upload uses it from
/// its next analysis, a camera from its next start: the detector is built once per analysis or camera run.
/// </summary>
public sealed class FarAreaService(CrowdPortalDbContext db, ILogger<FarAreaService> logger)
{
    /// <summary>
    /// Sets the far area of video <paramref name="id"/> (null clears it) when it is <paramref name="userId"/>'s and of
    /// the asked kind (an upload when <paramref name="camera"/> is false, an IP camera or webcam when true); false
    /// otherwise (the caller answers 404).
    /// </summary>
    public async Task<bool> SetAsync(string userId, long id, bool camera, FarArea? area, CancellationToken ct)
    {
        var video = await db.Videos.FirstOrDefaultAsync(v => v.Id == id && v.UserId == userId, ct);
        if (video is null || (video.SourceKind != VideoSourceKind.Upload) != camera)
        {
            return false;
        }

        if (video.FarArea != area)
        {
            video.FarArea = area;
            await db.SaveChangesAsync(ct);
            logger.LogInformation("User {UserId} {Action} the far area of {Kind} {VideoId}", userId, area is null ? "cleared" : "set", video.SourceKind, id);
        }

        return true;
    }
}
