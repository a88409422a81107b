using System.Collections.Concurrent;

namespace CrowdPortal.Web.Cameras;

/// <summary>The live state of every camera that has run since the app started, by camera id.</summary>
public sealed class CameraRuntime(TimeProvider clock)
{
    private readonly ConcurrentDictionary<long, CameraLiveState> _states = new();

    public CameraLiveState For(long cameraId) => _states.GetOrAdd(cameraId, id => new CameraLiveState(id, clock));

    public CameraLiveState? Find(long cameraId) => _states.GetValueOrDefault(cameraId);

    public void Forget(long cameraId) => _states.TryRemove(cameraId, out _);
}
