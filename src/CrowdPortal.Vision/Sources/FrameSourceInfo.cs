namespace CrowdPortal.Vision.Sources;

/// <summary>What a frame source knows about its frames; null where the source cannot tell (live streams).</summary>
/// <param name="FrameCount">Number of frames in a file, as the container declares it.</param>
/// <param name="Fps">Frames per second the container declares.</param>
/// <param name="Width">Frame width in pixels; 0 while unknown.</param>
/// <param name="Height">Frame height in pixels; 0 while unknown.</param>
/// <param name="IsLive">True for sources that never end by themselves (streams, webcams).</param>
public sealed record FrameSourceInfo(long? FrameCount, double? Fps, int Width, int Height, bool IsLive)
{
    /// <summary>Duration in seconds when both the frame count and the frame rate are known.</summary>
    public double? DurationSeconds => FrameCount is long count && Fps is double fps && fps > 0 ? count / fps : null;
}
