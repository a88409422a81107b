namespace CrowdPortal.Core.Geometry;

/// <summary>
/// Width and height of a video frame in pixels; converts between normalised zone coordinates (0..1) and pixels.
/// </summary>
public readonly record struct FrameSize
{
    public FrameSize(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        Width = width;
        Height = height;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Normalised (0..1) point to frame pixels: (x·width, y·height).</summary>
    public Point2 ToPixels(Point2 normalised) => new(normalised.X * Width, normalised.Y * Height);

    /// <summary>Frame pixels to a normalised (0..1) point.</summary>
    public Point2 ToNormalised(Point2 pixels) => new(pixels.X / Width, pixels.Y / Height);

    /// <summary>Converts a list of normalised points to a new array of pixel points.</summary>
    public Point2[] ToPixels(IReadOnlyList<Point2> normalised)
    {
        var result = new Point2[normalised.Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = ToPixels(normalised[i]);
        }

        return result;
    }
}
