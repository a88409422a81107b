using CrowdPortal.Data.Entities;
using CrowdPortal.Vision.Privacy;
using CrowdPortal.Web.Analysis;
using CrowdPortal.Web.Services;
using OpenCvSharp;

namespace CrowdPortal.Web.Privacy;

/// <summary>
/// The clean plate of an uploaded video as a JPEG beside it (<see cref="DerivedFiles.Plate"/>): made by an analysis at
/// <see cref="PrivacyLevel.CountsOnly"/>, or here on first request from frames sampled over the file. Either way the plate
/// is searched for people before it is kept: whoever the median kept is pixelated.
/// </summary>
public sealed class CleanPlateFiles(UploadStorage storage, PictureProtector protector)
{
    private static readonly int[] JpegQuality = [(int)ImwriteFlags.JpegQuality, 85];

    /// <summary>The plate's JPEG, made now if there is none yet; null when the video file cannot be read.</summary>
    public async Task<byte[]?> JpegAsync(Video video, CancellationToken ct)
    {
        string path = storage.ToAbsolute(DerivedFiles.Plate(video.StoredPath));
        if (File.Exists(path))
        {
            return await File.ReadAllBytesAsync(path, ct);
        }

        string source = storage.ToAbsolute(video.StoredPath);
        return await Task.Run(() =>
        {
            using var plate = File.Exists(source) ? CleanPlate.FromVideo(source) : null;
            if (plate is null)
            {
                return null;
            }

            protector.HidePeople(plate); // anyone standing still through the samples stays in the median
            WriteJpeg(plate, path);
            return Encode(plate);
        }, ct);
    }

    /// <summary>Writes the plate atomically (a temp file moved over the target), so a reader never sees half a file.</summary>
    public static void WriteJpeg(Mat plate, string path)
    {
        string temp = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllBytes(temp, Encode(plate));
        File.Move(temp, path, overwrite: true);
    }

    private static byte[] Encode(Mat plate)
    {
        Cv2.ImEncode(".jpg", plate, out byte[] jpeg, JpegQuality);
        return jpeg;
    }
}
