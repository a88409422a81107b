using OpenCvSharp;

namespace CrowdPortal.Vision.Sources;

/// <summary>
/// A frame handed out by <see cref="FrameSourceExtensions.ReadFrames"/>. <see cref="Image"/> is the same Mat for every
/// frame of one enumeration and is overwritten by the next one: copy it to keep it.
/// </summary>
public sealed record VideoFrame(long Index, double TimeSeconds, Mat Image);
