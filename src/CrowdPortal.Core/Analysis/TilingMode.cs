namespace CrowdPortal.Core.Analysis;

/// <summary>
/// Whether a video's or camera's frames are also detected in overlapping tiles, for people too small for the detector's
/// input once the whole frame is scaled down to it.
/// </summary>
public enum TilingMode
{
    /// <summary>The whole frame only (the detector's input size decides the smallest person found).</summary>
    Off = 0,

    /// <summary>Tiles only when the frame is larger than the detector's input by the configured factor (1080p, 4K).</summary>
    Auto = 1,

    /// <summary>Tiles at every frame size (costs the tiles' inference on every frame).</summary>
    On = 2,
}
