namespace CrowdPortal.Web.Cameras;

/// <summary>
/// Tells the running cameras that a user changed their zones or privacy level, wherever they run: in this process in
/// the single-process portal (<see cref="LocalCameraChanges"/>), on every node through Redis pub/sub in cluster mode
/// (<see cref="Cluster.RedisCameraChanges"/>). Every node applies a privacy change to the camera's live state it holds
/// (so even a stopped camera's last picture is never served at a lower level), and wakes the camera's
/// <see cref="CameraSettingsWatch"/>, which re-reads the settings from the database. A notification can be lost (pub/sub
/// delivers at most once), so the watch also re-reads every <see cref="CameraSettings.ZoneCheckSeconds"/>.
/// </summary>
public abstract class CameraChanges(CameraRuntime runtime, ILogger logger)
{
    private readonly Dictionary<long, List<Action<CameraChange>>> _watchers = [];
    private readonly object _gate = new();

    protected ILogger Logger { get; } = logger;

    /// <summary>Tells every node (this one included). Never throws: a lost notification is caught up by the re-read.</summary>
    public abstract Task PublishAsync(CameraChange change);

    /// <summary>Calls <paramref name="onChange"/> for each change of the camera until the result is disposed.</summary>
    public IDisposable Watch(long cameraId, Action<CameraChange> onChange)
    {
        lock (_gate)
        {
            if (!_watchers.TryGetValue(cameraId, out var list))
            {
                _watchers[cameraId] = list = [];
            }

            list.Add(onChange);
        }

        return new Unwatch(this, cameraId, onChange);
    }

    /// <summary>Applies a change that reached this node.</summary>
    protected void Deliver(CameraChange change)
    {
        if (change.Kind == CameraChangeKind.Privacy && runtime.Find(change.CameraId) is { } state && state.SetPrivacy(change.Privacy))
        {
            Logger.LogInformation("Camera {CameraId}: pictures are made for privacy level {Level} from now on",
                change.CameraId, Privacy.PrivacyLevels.Name(change.Privacy));
        }

        Action<CameraChange>[] handlers;
        lock (_gate)
        {
            handlers = _watchers.TryGetValue(change.CameraId, out var list) ? [.. list] : [];
        }

        foreach (var handler in handlers)
        {
            handler(change);
        }
    }

    private void Remove(long cameraId, Action<CameraChange> onChange)
    {
        lock (_gate)
        {
            if (_watchers.TryGetValue(cameraId, out var list) && list.Remove(onChange) && list.Count == 0)
            {
                _watchers.Remove(cameraId);
            }
        }
    }

    private sealed class Unwatch(CameraChanges owner, long cameraId, Action<CameraChange> onChange) : IDisposable
    {
        public void Dispose() => owner.Remove(cameraId, onChange);
    }
}

/// <summary>The single-process portal: a change is delivered in this process at once.</summary>
public sealed class LocalCameraChanges(CameraRuntime runtime, ILogger<LocalCameraChanges> logger) : CameraChanges(runtime, logger)
{
    public override Task PublishAsync(CameraChange change)
    {
        Deliver(change);
        return Task.CompletedTask;
    }
}
