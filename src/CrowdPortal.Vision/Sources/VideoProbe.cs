using System.Diagnostics.CodeAnalysis;
using OpenCvSharp;

namespace CrowdPortal.Vision.Sources;

/// <summary>Checks that a file is a decodable video and reads its size, frame rate and length (for upload checks).</summary>
public static class VideoProbe
{
    /// <summary>
    /// Opens <paramref name="path"/>, decodes its first frame and reports its facts. When the container declares no frame
    /// count, the frames are counted by grabbing them (no decode), which costs a pass over the file.
    /// </summary>
    /// <returns>False with a user-facing <paramref name="error"/> when the file is missing or not a decodable video.</returns>
    public static bool TryProbe(string path, [NotNullWhen(true)] out VideoInfo? info, [NotNullWhen(false)] out string? error)
    {
        info = null;
        try
        {
            using var source = new VideoFileSource(path);
            FrameSourceInfo facts = source.Info;
            long frameCount = facts.FrameCount ?? CountFramesByGrabbing(path);
            double fps = facts.Fps ?? 0;
            double duration = fps > 0 ? frameCount / fps : 0;
            info = new VideoInfo(frameCount, fps, facts.Width, facts.Height, duration);
            error = null;
            return true;
        }
        catch (VideoSourceException ex)
        {
            error = ex.Message;
            return false;
        }
        catch (Exception ex) when (ex is OpenCVException or IOException or UnauthorizedAccessException)
        {
            error = $"cannot read '{System.IO.Path.GetFileName(path)}': {ex.Message}";
            return false;
        }
    }

    private static long CountFramesByGrabbing(string path)
    {
        using var capture = new VideoCapture(path, VideoCaptureAPIs.FFMPEG);
        long count = 0;
        while (capture.Grab())
        {
            count++;
        }

        return count;
    }
}
