using CrowdPortal.Core.Analysis;
using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CrowdPortal.Web.Analysis;

/// <summary>
/// Sets whether a user's upload or camera is detected in tiles (<see cref="TilingMode"/>). An upload uses it from its
/// next analysis, a camera from its next start: the detector is built once per analysis or camera run.
/// </summary>
public sealed class TilingService(CrowdPortalDbContext db, ILogger<TilingService> logger)
{
    /// <summary>
    /// Sets the mode of video <paramref name="id"/> when it is <paramref name="userId"/>'s and of the asked kind (an upload
    /// when <paramref name="camera"/> is false, an IP camera or webcam when true); false otherwise (the caller answers 404).
    /// </summary>
    public async Task<bool> SetAsync(string userId, long id, bool camera, TilingMode mode, CancellationToken ct)
    {
        var video = await db.Videos.FirstOrDefaultAsync(v => v.Id == id && v.UserId == userId, ct);
        if (video is null || (video.SourceKind != VideoSourceKind.Upload) != camera)
        {
            return false;
        }

        if (video.Tiling != mode)
        {
            video.Tiling = mode;
            await db.SaveChangesAsync(ct);
            logger.LogInformation("User {UserId} set tiling of {Kind} {VideoId} to {Mode}", userId, video.SourceKind, id, TilingModes.Name(mode));
        }

        return true;
    }
}
