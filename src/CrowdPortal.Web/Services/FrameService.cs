using CrowdPortal.Data.Entities;
using CrowdPortal.Vision.Sources;

namespace CrowdPortal.Web.Services;

/// <summary>Serves single frames of stored videos as JPEG, decoded off the request thread; a camera's is its newest frame.</summary>
public sealed class FrameService(UploadStorage storage, Cameras.CameraRuntime cameras)
{
    public Task<byte[]?> ReadJpegAsync(Video video, double seconds, CancellationToken ct)
    {
        if (video.SourceKind != VideoSourceKind.Upload)
        {
            return Task.FromResult(cameras.Find(video.Id)?.LatestJpeg);
        }

        long index = (long)Math.Round(seconds * (video.Fps > 0 ? video.Fps : 25));
        string path = storage.ToAbsolute(video.StoredPath);
        return Task.Run(() => FrameSnapshot.ReadJpeg(path, index), ct);
    }
}
