using CrowdPortal.Data.Entities;
using CrowdPortal.Vision.Sources;
using CrowdPortal.Web.Privacy;

namespace CrowdPortal.Web.Services;

/// <summary>
/// Serves single frames of stored videos as JPEG, decoded off the request thread, as the video's privacy level allows:
/// as they are, with people pixelated, or (counts only, or once the footage is deleted) the clean plate instead of any frame. A camera's picture is its
/// newest snapshot, which its analysis already made fit for the camera's level, from whichever node runs it.
/// </summary>
public sealed class FrameService(UploadStorage storage, Cameras.CameraLiveFigures cameras, PictureProtector protector, CleanPlateFiles plates)
{
    public Task<byte[]?> ReadJpegAsync(Video video, double seconds, CancellationToken ct)
    {
        if (video.SourceKind != VideoSourceKind.Upload)
        {
            return cameras.PictureAsync(video.Id, video.PrivacyLevel, ct);
        }

        if (video.PrivacyLevel == PrivacyLevel.CountsOnly || video.FootageDeletedAt is not null)
        {
            return plates.JpegAsync(video, ct);
        }

        long index = (long)Math.Round(seconds * (video.Fps > 0 ? video.Fps : 25));
        string path = storage.ToAbsolute(video.StoredPath);
        if (video.PrivacyLevel == PrivacyLevel.Off)
        {
            return Task.Run(() => FrameSnapshot.ReadJpeg(path, index), ct);
        }

        return Task.Run(() =>
        {
            using var frame = FrameSnapshot.ReadFrame(path, index);
            return frame is null ? null : protector.Jpeg(frame, video.PrivacyLevel);
        }, ct);
    }
}
