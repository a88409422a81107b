using OpenCvSharp;

namespace CrowdPortal.Vision.Sources;

/// <summary>
/// One frame of a video file as a JPEG, for pages that draw zones on the picture or replay an analysis. Browsers cannot
/// play many surveillance codecs (vtest.avi is MS-MPEG4v3), so the server decodes the frame.
/// </summary>
public static class FrameSnapshot
{
    /// <summary>
    /// The frame at <paramref name="frameIndex"/> (clamped to the video), scaled down to at most
    /// <paramref name="maxWidth"/> pixels wide, encoded as JPEG. Null when the file cannot be read.
    /// </summary>
    public static byte[]? ReadJpeg(string path, long frameIndex, int maxWidth = 1280, int quality = 85)
    {
        using var frame = ReadFrame(path, frameIndex, maxWidth);
        if (frame is null)
        {
            return null;
        }

        Cv2.ImEncode(".jpg", frame, out byte[] jpeg, new ImageEncodingParam(ImwriteFlags.JpegQuality, quality));
        return jpeg;
    }

    /// <summary>
    /// The BGR frame at <paramref name="frameIndex"/> (clamped to the video), scaled down to at most
    /// <paramref name="maxWidth"/> pixels wide; the caller disposes it. Null when the file cannot be read.
    /// </summary>
    public static Mat? ReadFrame(string path, long frameIndex, int maxWidth = 1280)
    {
        using var capture = new VideoCapture(path, VideoCaptureAPIs.FFMPEG);
        if (!capture.IsOpened())
        {
            return null;
        }

        long count = capture.FrameCount;
        long target = Math.Clamp(frameIndex, 0, Math.Max(0, count - 1));
        var frame = new Mat();
        if (!SeekAndRead(capture, target, frame))
        {
            frame.Dispose();
            return null;
        }

        if (frame.Width <= maxWidth)
        {
            return frame;
        }

        var scaled = new Mat();
        Cv2.Resize(frame, scaled, new Size(maxWidth, (int)Math.Round(frame.Height * (double)maxWidth / frame.Width)), 0, 0, InterpolationFlags.Area);
        frame.Dispose();
        return scaled;
    }

    /// <summary>
    /// Seeks near the frame and reads it; where the container's seek lands on another frame (keyframe-only seeking),
    /// reads forward from the start instead, so the frame is always the one asked for.
    /// </summary>
    private static bool SeekAndRead(VideoCapture capture, long target, Mat frame)
    {
        if (target > 0)
        {
            capture.Set(VideoCaptureProperties.PosFrames, target);
            if (capture.PosFrames == target && capture.Read(frame) && !frame.Empty())
            {
                return true;
            }

            capture.Set(VideoCaptureProperties.PosFrames, 0);
        }

        for (long i = 0; i < target; i++)
        {
            if (!capture.Grab())
            {
                break;
            }
        }

        return capture.Read(frame) && !frame.Empty();
    }
}
