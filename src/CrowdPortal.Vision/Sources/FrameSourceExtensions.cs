namespace CrowdPortal.Vision.Sources;

/// <summary>Enumeration over a frame source for callers that do not manage their own Mat.</summary>
public static class FrameSourceExtensions
{
    /// <summary>
    /// Yields every frame of <paramref name="source"/> in one reused BGR Mat, disposed when the enumeration ends.
    /// Allocates one small <see cref="VideoFrame"/> per frame; the analysis pipeline uses <see cref="IFrameSource.TryRead"/>.
    /// </summary>
    public static IEnumerable<VideoFrame> ReadFrames(this IFrameSource source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var image = new OpenCvSharp.Mat();
        while (source.TryRead(image, out FrameStamp stamp, cancellationToken))
        {
            yield return new VideoFrame(stamp.Index, stamp.TimeSeconds, image);
        }
    }
}
