using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using CrowdPortal.Web.Cameras;
using CrowdPortal.Web.Cluster;
using CrowdPortal.Web.Privacy;
using CrowdPortal.Web.ViewModels;
using Microsoft.EntityFrameworkCore;

namespace CrowdPortal.Web.Services;

/// <summary>Gathers <see cref="SystemStatusDto"/> for the administrator: the only query here that crosses users.</summary>
public sealed class SystemStatusService(
    CrowdPortalDbContext db,
    DatabaseOptions database,
    UploadStorage storage,
    CameraLiveFigures figures,
    NodeDirectory nodes,
    TimeProvider clock)
{
    public async Task<SystemStatusDto> GetAsync(CancellationToken ct)
    {
        var cameraRows = await db.Videos.AsNoTracking()
            .Where(v => v.SourceKind != VideoSourceKind.Upload)
            .Join(db.Users, v => v.UserId, u => u.Id, (v, u) => new { Video = v, Owner = u.UserName })
            .OrderBy(x => x.Owner).ThenBy(x => x.Video.FileName).ThenBy(x => x.Video.Id)
            .ToListAsync(ct);
        var live = await figures.ForAsync(cameraRows.Select(x => x.Video.Id).ToList(), ct);
        var cameras = cameraRows.Select(x => Health(x.Video, x.Owner ?? "?", live.GetValueOrDefault(x.Video.Id))).ToList();
        var queue = await db.Videos.AsNoTracking()
            .Where(v => v.Status == VideoStatus.Queued || v.Status == VideoStatus.Analysing)
            .GroupBy(v => v.Status).Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(ct);

        return new SystemStatusDto(
            clock.GetUtcNow().UtcDateTime,
            database.Provider.ToString(),
            await db.Users.CountAsync(ct),
            queue.Where(q => q.Status == VideoStatus.Queued).Sum(q => q.Count),
            queue.Where(q => q.Status == VideoStatus.Analysing).Sum(q => q.Count),
            FreeBytes(storage.Root),
            cameras.Sum(c => c.DroppedSamples),
            cameras,
            await PrivacyByAccountAsync(ct),
            await nodes.ListAsync(ct));
    }

    private async Task<List<AccountPrivacyDto>> PrivacyByAccountAsync(CancellationToken ct)
    {
        var rows = await db.Videos.AsNoTracking()
            .Join(db.Users, v => v.UserId, u => u.Id, (v, u) => new { Owner = u.UserName, v.SourceKind, v.PrivacyLevel, SizeBytes = v.FootageDeletedAt == null ? v.SizeBytes : 0 })
            .GroupBy(x => new { x.Owner, x.SourceKind, x.PrivacyLevel })
            .Select(g => new { g.Key.Owner, g.Key.SourceKind, g.Key.PrivacyLevel, Count = g.Count(), Bytes = g.Sum(x => x.SizeBytes) })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.Owner ?? "?").OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new AccountPrivacyDto(
            g.Key,
            g.Where(r => r.SourceKind == VideoSourceKind.Upload).Sum(r => r.Bytes),
            Levels(g.Where(r => r.SourceKind == VideoSourceKind.Upload).Select(r => (r.PrivacyLevel, r.Count))),
            Levels(g.Where(r => r.SourceKind != VideoSourceKind.Upload).Select(r => (r.PrivacyLevel, r.Count))))).ToList();
    }

    private static Dictionary<string, int> Levels(IEnumerable<(PrivacyLevel Level, int Count)> counts) =>
        counts.GroupBy(c => PrivacyLevels.Name(c.Level)).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));

    private static CameraHealthDto Health(Video video, string owner, CameraFigures? live)
    {
        var camera = CameraDto.From(video, live);
        return new CameraHealthDto(
            camera.Id, camera.Name, owner, camera.Kind, camera.Enabled, camera.State, camera.LastFrameAt, camera.Fps,
            camera.BufferedBatches, camera.DroppedSamples, camera.LastError, camera.PrivacyLevel);
    }

    /// <summary>Free space on the volume that holds the uploads (-1 when the system will not say).</summary>
    private static long FreeBytes(string path)
    {
        try
        {
            Directory.CreateDirectory(path);
            return new DriveInfo(Path.GetFullPath(path)).AvailableFreeSpace;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return -1;
        }
    }
}
