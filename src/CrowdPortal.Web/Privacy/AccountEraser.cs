using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using CrowdPortal.Web.Analysis;
using CrowdPortal.Web.Cameras;
using CrowdPortal.Web.Services;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CrowdPortal.Web.Privacy;

/// <summary>
/// Deletes an account and everything of it: its cameras are stopped, its analyses cancelled, then the user row goes and
/// with it, by cascade, every video, camera, zone, count, alert and API token row; last, the user's folder under the
/// uploads root (footage, heatmaps, track logs, the running counts log) is removed.
/// </summary>
public sealed class AccountEraser(
    CrowdPortalDbContext db,
    UserManager<AppUser> users,
    CameraService cameras,
    AnalysisService analyses,
    UploadStorage storage,
    ILogger<AccountEraser> logger)
{
    /// <summary>How long a running analysis gets to stop before its rows are deleted under it.</summary>
    private static readonly TimeSpan AnalysisStopTimeout = TimeSpan.FromSeconds(30);

    public enum Outcome
    {
        Erased,
        NotFound,
        WrongPassword,
    }

    /// <summary>Erases the account when <paramref name="password"/> is its password.</summary>
    public async Task<Outcome> EraseAsync(string userId, string? password, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return Outcome.NotFound;
        }

        if (string.IsNullOrEmpty(password) || !await users.CheckPasswordAsync(user, password))
        {
            logger.LogWarning("User {UserId}: account deletion refused (wrong password)", userId);
            return Outcome.WrongPassword;
        }

        await StopEverythingAsync(userId, ct);
        var result = await users.DeleteAsync(user);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("The account could not be deleted: " + string.Join("; ", result.Errors.Select(e => e.Description)));
        }

        DeleteFolder(userId);
        logger.LogInformation("User {UserId} deleted their account and all its data", userId);
        return Outcome.Erased;
    }

    /// <summary>Nothing may still write for the user once its rows and files are gone.</summary>
    private async Task StopEverythingAsync(string userId, CancellationToken ct)
    {
        var owned = await db.Videos.AsNoTracking().Where(v => v.UserId == userId)
            .Select(v => new { v.Id, v.SourceKind, v.Status }).ToListAsync(ct);
        foreach (var camera in owned.Where(v => v.SourceKind != VideoSourceKind.Upload))
        {
            await cameras.DeleteAsync(userId, camera.Id, ct);
        }

        var running = owned.Where(v => v.SourceKind == VideoSourceKind.Upload && v.Status is VideoStatus.Queued or VideoStatus.Analysing)
            .Select(v => v.Id).ToList();
        foreach (long id in running)
        {
            await analyses.CancelAsync(userId, id, ct);
        }

        var deadline = DateTime.UtcNow + AnalysisStopTimeout;
        while (running.Count > 0 && DateTime.UtcNow < deadline)
        {
            running = await db.Videos.AsNoTracking()
                .Where(v => running.Contains(v.Id) && (v.Status == VideoStatus.Queued || v.Status == VideoStatus.Analysing))
                .Select(v => v.Id).ToListAsync(ct);
            if (running.Count > 0)
            {
                await Task.Delay(200, ct);
            }
        }

        if (running.Count > 0)
        {
            logger.LogWarning("User {UserId}: {Count} analyses did not stop in time; deleting their rows anyway", userId, running.Count);
        }
    }

    private void DeleteFolder(string userId)
    {
        string folder = storage.ToAbsolute(userId);
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException ex)
        {
            logger.LogError(ex, "User {UserId}: the account is deleted but its folder could not be removed", userId);
        }
    }
}
