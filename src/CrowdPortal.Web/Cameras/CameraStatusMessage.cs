using CrowdPortal.Data.Entities;

namespace CrowdPortal.Web.Cameras;

/// <summary>
/// The <see cref="Hubs.IAnalysisClient.Camera"/> event pushed to pages watching a camera (group of its video id on the analysis hub): connection
/// state, when the last frame arrived (UTC), analysed frames per second, and results dropped while the database was away.
/// </summary>
public sealed record CameraStatusMessage(long VideoId, CameraConnection State, bool Enabled, DateTime? LastFrameAt, double Fps, long DroppedSamples, int BufferedBatches);
