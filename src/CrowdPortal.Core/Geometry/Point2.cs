namespace CrowdPortal.Core.Geometry;

/// <summary>
/// A 2-D point in floats. The type carries no unit: zone definitions hold <b>normalised</b> points (0..1 of the
/// frame width/height, origin top-left, y down); everything that works on detections (counters, masks, heatmap)
/// holds <b>frame pixels</b>, converted once with <see cref="FrameSize.ToPixels(Point2)"/>.
/// </summary>
public readonly record struct Point2(float X, float Y)
{
    /// <summary>True when both coordinates are finite numbers (not NaN, not infinity).</summary>
    public bool IsFinite => float.IsFinite(X) && float.IsFinite(Y);

    public static Point2 operator -(Point2 a, Point2 b) => new(a.X - b.X, a.Y - b.Y);

    public static Point2 operator +(Point2 a, Point2 b) => new(a.X + b.X, a.Y + b.Y);

    /// <summary>2-D cross product (z component of a × b), computed in double to keep small areas exact enough.</summary>
    public static double Cross(Point2 a, Point2 b) => ((double)a.X * b.Y) - ((double)a.Y * b.X);

    /// <summary>Dot product, in double.</summary>
    public static double Dot(Point2 a, Point2 b) => ((double)a.X * b.X) + ((double)a.Y * b.Y);
}
