namespace CrowdPortal.Vision.Sources;

/// <summary>The facts about a video file that an upload check and a progress bar need.</summary>
public sealed record VideoInfo(long FrameCount, double Fps, int Width, int Height, double DurationSeconds);
