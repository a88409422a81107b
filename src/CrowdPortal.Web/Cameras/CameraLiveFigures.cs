using CrowdPortal.Data.Entities;

namespace CrowdPortal.Web.Cameras;

/// <summary>
/// The live figures of cameras for the API and the System page. A camera's live state is kept in memory by the process
/// that analyses it; this class answers from there for the cameras this process runs (or ran). In cluster mode a
/// camera may run on another node: <see cref="Cluster.RedisCameraLiveFigures"/> adds what the other nodes share.
/// </summary>
public class CameraLiveFigures(CameraRuntime runtime, CameraSupervisor supervisor, WebcamSessions webcams)
{
    /// <summary>The figures known for each of <paramref name="cameraIds"/>; a camera nothing is known about is left out.</summary>
    public async Task<IReadOnlyDictionary<long, CameraFigures>> ForAsync(IReadOnlyCollection<long> cameraIds, CancellationToken ct)
    {
        var figures = new Dictionary<long, CameraFigures>();
        List<long> notHere = [];
        foreach (long id in cameraIds)
        {
            bool running = IsRunningHere(id);
            if (runtime.Find(id) is { } state)
            {
                figures[id] = CameraFigures.Of(state, running);
            }

            if (!running)
            {
                notHere.Add(id);
            }
        }

        if (notHere.Count > 0)
        {
            foreach (var (id, elsewhere) in await ElsewhereAsync(notHere, ct))
            {
                figures[id] = elsewhere;
            }
        }

        return figures;
    }

    public async Task<CameraFigures?> ForAsync(long cameraId, CancellationToken ct) =>
        (await ForAsync([cameraId], ct)).GetValueOrDefault(cameraId);

    /// <summary>
    /// The camera's newest picture as a JPEG, made for privacy level <paramref name="level"/> (the camera's level now):
    /// from this process when it runs the camera (or ran it last), else from the node that runs it. A picture made for
    /// another level is never returned. Null when there is none yet.
    /// </summary>
    public async Task<byte[]?> PictureAsync(long cameraId, PrivacyLevel level, CancellationToken ct)
    {
        if (!IsRunningHere(cameraId) && await ElsewherePictureAsync(cameraId, ct) is { } shared)
        {
            return shared.MadeFor == level ? shared.Jpeg : null;
        }

        return runtime.Find(cameraId)?.Picture is { } picture && picture.MadeFor == level ? picture.Jpeg : null;
    }

    /// <summary>The cameras this process analyses now, with their live state.</summary>
    protected IEnumerable<(long Id, CameraLiveState State)> RunningHere()
    {
        foreach (long id in supervisor.RunningCameraIds().Concat(webcams.ActiveIds()).Distinct())
        {
            if (runtime.Find(id) is { } state)
            {
                yield return (id, state);
            }
        }
    }

    /// <summary>The picture of a camera running on another node; none in the single-process portal.</summary>
    protected virtual Task<CameraPicture?> ElsewherePictureAsync(long cameraId, CancellationToken ct) => Task.FromResult<CameraPicture?>(null);

    /// <summary>Figures of cameras running on other nodes; none in the single-process portal.</summary>
    protected virtual Task<IReadOnlyDictionary<long, CameraFigures>> ElsewhereAsync(IReadOnlyList<long> cameraIds, CancellationToken ct) =>
        Task.FromResult<IReadOnlyDictionary<long, CameraFigures>>(new Dictionary<long, CameraFigures>());

    private bool IsRunningHere(long cameraId) => supervisor.IsRunning(cameraId) || webcams.IsActive(cameraId);
}
