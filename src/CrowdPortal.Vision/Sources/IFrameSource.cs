using OpenCvSharp;

namespace CrowdPortal.Vision.Sources;

/// <summary>
/// A sequence of BGR video frames: a file, a live RTSP/HTTP stream or frames pushed by a browser.
/// Not thread-safe: one consumer reads it.
/// </summary>
public interface IFrameSource : IDisposable
{
    /// <summary>What is known about the frames; for a live source the size is 0 until the first frame arrives.</summary>
    FrameSourceInfo Info { get; }

    /// <summary>
    /// Reads the next frame into <paramref name="destination"/> (reallocated only when its size or type differs, so a
    /// caller that reuses one Mat allocates nothing per frame). Blocks until a frame is there.
    /// Returns false at the end of the source (end of file, a live source stopped or gone offline for good).
    /// </summary>
    /// <exception cref="OperationCanceledException">When <paramref name="cancellationToken"/> is cancelled while waiting.</exception>
    /// <exception cref="VideoSourceException">When a file stops decoding part-way through.</exception>
    bool TryRead(Mat destination, out FrameStamp stamp, CancellationToken cancellationToken = default);
}
