using CrowdPortal.Core.Analysis;

namespace CrowdPortal.Vision.Detectors;

/// <summary>Where a <see cref="FarArea"/> (fractions of the frame) lies in a frame's pixels, as a tile to detect on.</summary>
public static class FarAreaPixels
{
    /// <summary>The area in pixels of a frame, clipped to it; null when nothing of it is left (or it is under 16 px).</summary>
    public static Tile? InPixels(this FarArea area, int frameWidth, int frameHeight)
    {
        int x1 = Math.Clamp((int)Math.Round(area.X * frameWidth), 0, frameWidth);
        int y1 = Math.Clamp((int)Math.Round(area.Y * frameHeight), 0, frameHeight);
        int x2 = Math.Clamp((int)Math.Round((area.X + area.Width) * frameWidth), 0, frameWidth);
        int y2 = Math.Clamp((int)Math.Round((area.Y + area.Height) * frameHeight), 0, frameHeight);
        return x2 - x1 >= 16 && y2 - y1 >= 16 ? new Tile(x1, y1, x2 - x1, y2 - y1) : null;
    }
}
