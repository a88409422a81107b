using System.Threading.Channels;
using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace CrowdPortal.Web.Cameras;

/// <summary>
/// Keeps a running camera (IP camera or webcam) up to date with what its owner edits: re-reads its zones and privacy
/// level when <see cref="CameraChanges"/> says they changed, and every <c>fallbackEvery</c> in case a notification was
/// lost. A new privacy level is applied to the camera's live state at once; new zones are handed to the
/// <see cref="LiveAnalysisHost"/>, which restarts the pipeline with them. Created before the zones are first read, so an
/// edit made in between is not missed.
/// </summary>
internal sealed class CameraSettingsWatch : IDisposable
{
    private readonly long _cameraId;
    private readonly IServiceScopeFactory _scopes;
    private readonly CameraLiveState _state;
    private readonly TimeSpan _fallbackEvery;
    private readonly ILogger _logger;

    // One pending wake-up is enough: every re-read reads everything.
    private readonly Channel<bool> _nudges = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly IDisposable _subscription;

    public CameraSettingsWatch(long cameraId, CameraChanges changes, IServiceScopeFactory scopes, CameraLiveState state, TimeSpan fallbackEvery, ILogger logger)
    {
        _cameraId = cameraId;
        _scopes = scopes;
        _state = state;
        _fallbackEvery = fallbackEvery;
        _logger = logger;
        _subscription = changes.Watch(cameraId, _ => _nudges.Writer.TryWrite(true));
    }

    /// <summary>
    /// Waits until the zones differ from <paramref name="fingerprint"/>, then cancels <paramref name="restart"/> and returns
    /// them; returns null when <paramref name="restart"/> is cancelled for another reason first.
    /// </summary>
    public async Task<CameraZones?> WaitForZoneChangeAsync(string fingerprint, CancellationTokenSource restart)
    {
        try
        {
            while (true)
            {
                await NextCheckAsync(restart.Token);
                try
                {
                    var (zones, level) = await ReadAsync(restart.Token);
                    if (level is { } privacy && _state.SetPrivacy(privacy))
                    {
                        _logger.LogInformation("Camera {CameraId}: pictures are made for privacy level {Level} from now on",
                            _cameraId, Privacy.PrivacyLevels.Name(privacy));
                    }

                    if (zones.Fingerprint != fingerprint)
                    {
                        await restart.CancelAsync();
                        return zones;
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The database is away: keep counting with the zones we have.
                    _logger.LogDebug(ex, "Camera {CameraId}: settings not re-read", _cameraId);
                }
            }
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        _subscription.Dispose();
        _nudges.Writer.TryComplete();
    }

    /// <summary>Returns at the next notification, or after the fallback interval, whichever comes first.</summary>
    private async Task NextCheckAsync(CancellationToken stop)
    {
        using var fallback = CancellationTokenSource.CreateLinkedTokenSource(stop);
        fallback.CancelAfter(_fallbackEvery);
        try
        {
            await _nudges.Reader.ReadAsync(fallback.Token);
        }
        catch (OperationCanceledException) when (!stop.IsCancellationRequested)
        {
            // Time for the fallback re-read.
        }
    }

    private async Task<(CameraZones Zones, PrivacyLevel? Level)> ReadAsync(CancellationToken ct)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
        var level = await db.Videos.AsNoTracking().Where(v => v.Id == _cameraId).Select(v => (PrivacyLevel?)v.PrivacyLevel).FirstOrDefaultAsync(ct);
        return (await CameraZones.LoadAsync(db, _cameraId, ct), level);
    }
}
