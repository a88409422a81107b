namespace CrowdPortal.Core.Geometry;

/// <summary>Segment and directed-line geometry. Allocation-free.</summary>
public static class SegmentMath
{
    /// <summary>
    /// Which side of the directed line start→end the point is on: +1 right, -1 left, 0 on the line, as seen on
    /// screen (y down). Example: for a line drawn left to right, points below it are on the right (+1).
    /// </summary>
    public static int Side(Point2 start, Point2 end, Point2 p)
    {
        double cross = Point2.Cross(end - start, p - start);
        return cross > 0 ? 1 : cross < 0 ? -1 : 0;
    }

    /// <summary>
    /// Position of p's projection along start→end: 0 at start, 1 at end (outside [0,1] beyond the ends).
    /// Returns NaN for a zero-length segment.
    /// </summary>
    public static double Projection(Point2 start, Point2 end, Point2 p)
    {
        Point2 d = end - start;
        double lengthSquared = Point2.Dot(d, d);
        return lengthSquared == 0 ? double.NaN : Point2.Dot(p - start, d) / lengthSquared;
    }

    /// <summary>True when p lies on the closed segment a–b.</summary>
    public static bool IsOnSegment(Point2 a, Point2 b, Point2 p)
    {
        if (Point2.Cross(b - a, p - a) != 0)
        {
            return false;
        }

        return p.X >= Math.Min(a.X, b.X) && p.X <= Math.Max(a.X, b.X)
            && p.Y >= Math.Min(a.Y, b.Y) && p.Y <= Math.Max(a.Y, b.Y);
    }

    /// <summary>True when the closed segments a1–a2 and b1–b2 share at least one point (crossing, touching or overlapping).</summary>
    public static bool Intersects(Point2 a1, Point2 a2, Point2 b1, Point2 b2)
    {
        int d1 = Orientation(b1, b2, a1);
        int d2 = Orientation(b1, b2, a2);
        int d3 = Orientation(a1, a2, b1);
        int d4 = Orientation(a1, a2, b2);

        if (d1 != d2 && d3 != d4 && d1 != 0 && d2 != 0 && d3 != 0 && d4 != 0)
        {
            return true;
        }

        return (d1 == 0 && IsOnSegment(b1, b2, a1))
            || (d2 == 0 && IsOnSegment(b1, b2, a2))
            || (d3 == 0 && IsOnSegment(a1, a2, b1))
            || (d4 == 0 && IsOnSegment(a1, a2, b2));
    }

    private static int Orientation(Point2 a, Point2 b, Point2 p)
    {
        double cross = Point2.Cross(b - a, p - a);
        return cross > 0 ? 1 : cross < 0 ? -1 : 0;
    }
}
