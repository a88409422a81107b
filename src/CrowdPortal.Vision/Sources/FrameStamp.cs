namespace CrowdPortal.Vision.Sources;

/// <summary>
/// Where a frame sits in its source: <paramref name="Index"/> is the 0-based number of the decoded frame (a live source
/// counts every frame it received, so frames it dropped leave gaps); <paramref name="TimeSeconds"/> is its true time:
/// the container's presentation time for a file, seconds since the source started for a live source.
/// </summary>
public readonly record struct FrameStamp(long Index, double TimeSeconds);
