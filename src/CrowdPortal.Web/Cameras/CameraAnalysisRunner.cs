using System.Security.Cryptography;
using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using CrowdPortal.Vision.Sources;
using CrowdPortal.Web.Analysis;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrowdPortal.Web.Cameras;

/// <summary>
/// Runs one IP camera until stopped: reads its row, opens one <see cref="StreamSource"/> (newest frame only, reconnects
/// with back-off) at its decrypted URL, reports the stream's connection state, and hands the stream to the
/// <see cref="LiveAnalysisHost"/>, which analyses it (and restarts on zone edits) as it does a webcam's frames.
/// </summary>
public sealed class CameraAnalysisRunner(
    IServiceScopeFactory scopes,
    LiveAnalysisHost host,
    CameraUrlProtector urls,
    CameraAddressPolicy addresses,
    CameraRuntime runtime,
    CameraNotifier cameraNotifier,
    IOptions<CameraSettings> cameraSettings,
    ILogger<CameraAnalysisRunner> logger)
{
    private static readonly TimeSpan DatabaseRetry = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Resets the camera's live state for a new run, before the run is scheduled: from the moment the camera counts as
    /// running, the API shows it connecting, without the reason an earlier run stopped for.
    /// </summary>
    public void Prepare(long cameraId)
    {
        var state = runtime.For(cameraId);
        state.SetConnection(CameraConnection.Connecting);
        state.SetLastError(null);
    }

    public async Task RunAsync(long cameraId, CancellationToken stop)
    {
        var state = runtime.For(cameraId);
        state.SetConnection(CameraConnection.Connecting);
        cameraNotifier.Status(state, enabled: true);
        bool disabled = false;
        try
        {
            await RunStreamAsync(cameraId, state, stop);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped.
        }
        catch (UnknownModelException ex)
        {
            // Retrying cannot bring the model back: the camera is disabled with the reason its owner sees.
            logger.LogWarning("Camera {CameraId} disabled: its model {Model} is not installed", cameraId, ex.Model);
            string reason = MissingModelReason(ex.Model);
            state.SetLastError(reason);
            disabled = await TryDisableAsync(cameraId, reason);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Camera {CameraId} stopped unexpectedly", cameraId);
        }
        finally
        {
            state.SetConnection(CameraConnection.Offline);
            cameraNotifier.Status(state, enabled: !disabled && !stop.IsCancellationRequested);
            await TryStoreOfflineAsync(cameraId);
        }
    }

    private async Task RunStreamAsync(long cameraId, CameraLiveState state, CancellationToken stop)
    {
        var settings = cameraSettings.Value;
        var camera = await LoadWithRetryAsync(cameraId, stop);
        if (camera is null || camera.SourceKind != VideoSourceKind.Camera || camera.StreamUrlProtected is null)
        {
            return;
        }

        string url;
        try
        {
            url = urls.Unprotect(camera.StreamUrlProtected);
        }
        catch (CryptographicException)
        {
            logger.LogError("Camera {CameraId}: its stream URL cannot be decrypted (were the data protection keys replaced?); enter it again", cameraId);
            return;
        }

        var streamOptions = new StreamSourceOptions
        {
            FfmpegPath = settings.FfmpegPath,
            StallTimeout = TimeSpan.FromSeconds(settings.StallTimeoutSeconds),
            InitialBackoff = TimeSpan.FromSeconds(settings.InitialBackoffSeconds),
            MaxBackoff = TimeSpan.FromSeconds(settings.MaxBackoffSeconds),
            ResolveTarget = addresses.ResolveTargetAsync,
        };
        // No logger for the source itself: it would log the URL with its password. State changes are logged here, redacted.
        using var source = new StreamSource(url, streamOptions);
        string shown = camera.StreamUrlRedacted ?? "(hidden)";
        source.StateChanged += (_, s) =>
        {
            string? error = CameraUrl.RedactIn(source.LastError, url, shown);
            // The owner sees "unreachable" or "not a video stream", never the far end's own answer; the log keeps it.
            state.SetLastError(s == StreamState.Online ? null : CameraErrorText.ForOwner(error, source.Connections > 0));
            if (state.SetConnection(ToConnection(s)))
            {
                cameraNotifier.Status(state, enabled: true);
                logger.LogInformation("Camera {CameraId} ({Url}) is {State}{Error}", cameraId, shown, ToConnection(s).Name(),
                    s == StreamState.Online || error is null ? string.Empty : ": " + error);
            }
        };
        await host.RunAsync(camera, source, stop);
    }

    private async Task<Video?> LoadWithRetryAsync(long cameraId, CancellationToken stop)
    {
        while (true)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
                return await db.Videos.AsNoTracking().FirstOrDefaultAsync(v => v.Id == cameraId, stop);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Camera {CameraId}: cannot read its settings yet; retrying", cameraId);
                await Task.Delay(DatabaseRetry, stop);
            }
        }
    }

    /// <summary>What the owner reads (the camera's <c>lastError</c>) when its model has gone.</summary>
    public static string MissingModelReason(string model) =>
        $"Stopped: the camera's model '{model}' is missing (no longer installed on the server). Start the camera again to count with the default model.";

    /// <summary>
    /// Disables the camera with <paramref name="reason"/> kept on its row, and forgets the missing model so that starting
    /// it again counts with the default one. False when the database could not be reached (the reason stays live only).
    /// </summary>
    private async Task<bool> TryDisableAsync(long cameraId, string reason)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
            await db.Videos.Where(v => v.Id == cameraId).ExecuteUpdateAsync(s => s
                .SetProperty(v => v.Enabled, false)
                .SetProperty(v => v.Error, reason)
                .SetProperty(v => v.ModelName, (string?)null));
            return true;
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Camera {CameraId}: could not be disabled", cameraId);
            return false;
        }
    }

    private async Task TryStoreOfflineAsync(long cameraId)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
            await scope.ServiceProvider.GetRequiredService<CameraConnectionStore>().SaveAsync(db, cameraId, CameraConnection.Offline);
        }
        catch (Exception ex)
        {
            logger.LogDebug(ex, "Camera {CameraId}: offline state not stored", cameraId);
        }
    }

    private static CameraConnection ToConnection(StreamState state) => state switch
    {
        StreamState.Online => CameraConnection.Online,
        StreamState.Reconnecting => CameraConnection.Reconnecting,
        StreamState.Connecting => CameraConnection.Connecting,
        _ => CameraConnection.Offline,
    };
}
