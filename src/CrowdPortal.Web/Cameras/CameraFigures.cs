using CrowdPortal.Data.Entities;

namespace CrowdPortal.Web.Cameras;

/// <summary>
/// A camera's live figures as the API shows them: whether it is being analysed now (an IP camera on some worker, or a
/// webcam page sending frames), its connection state, last frame, analysed frame rate, results buffered or dropped while
/// the database was away, and why it is not online. Taken from the live state of the process that runs the camera.
/// </summary>
public sealed record CameraFigures(
    bool Running, CameraConnection Connection, DateTime? LastFrameAt, double Fps, long DroppedSamples, int BufferedBatches, string? LastError)
{
    public static CameraFigures Of(CameraLiveState state, bool running) =>
        new(running, state.Connection, state.LastFrameAt, state.Fps, state.DroppedSamples, state.BufferedBatches, state.LastError);
}

/// <summary>A camera's picture as a JPEG, with the privacy level it was made for.</summary>
public sealed record CameraPicture(byte[] Jpeg, PrivacyLevel MadeFor);
