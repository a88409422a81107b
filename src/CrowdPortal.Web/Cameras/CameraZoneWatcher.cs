using CrowdPortal.Data;

namespace CrowdPortal.Web.Cameras;

/// <summary>
/// Notices when the user edits a running camera's zones (IP camera or webcam), by re-reading them every
/// <c>every</c>: the run is then restarted with the new zones, without the user restarting the camera.
/// </summary>
internal sealed class CameraZoneWatcher(IServiceScopeFactory scopes, TimeSpan every, ILogger logger)
{
    /// <summary>
    /// Polls until the zones differ from <paramref name="fingerprint"/>, then cancels <paramref name="restart"/> and returns
    /// them; returns null when <paramref name="restart"/> is cancelled for another reason first.
    /// </summary>
    public async Task<CameraZones?> WaitForChangeAsync(long cameraId, string fingerprint, CancellationTokenSource restart)
    {
        try
        {
            while (true)
            {
                await Task.Delay(every, restart.Token);
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
                    var zones = await CameraZones.LoadAsync(db, cameraId, restart.Token);
                    if (zones.Fingerprint != fingerprint)
                    {
                        await restart.CancelAsync();
                        return zones;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The database is away: keep counting with the zones we have.
                    logger.LogDebug(ex, "Camera {CameraId}: zones not re-read", cameraId);
                }
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }
}
