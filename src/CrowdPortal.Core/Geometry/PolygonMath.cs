namespace CrowdPortal.Core.Geometry;

/// <summary>
/// Polygon geometry on a closed ring of points (the last point joins the first; do not repeat the first point).
/// Works in whatever unit the points are in (normalised or pixels). Allocation-free.
/// </summary>
public static class PolygonMath
{
    /// <summary>Signed shoelace area: positive when the ring runs counter-clockwise in a y-up system
    /// (clockwise on screen, where y points down).</summary>
    public static double SignedArea(ReadOnlySpan<Point2> ring)
    {
        if (ring.Length < 3)
        {
            return 0;
        }

        double sum = 0;
        Point2 previous = ring[^1];
        for (int i = 0; i < ring.Length; i++)
        {
            sum += Point2.Cross(previous, ring[i]);
            previous = ring[i];
        }

        return sum / 2;
    }

    /// <summary>Absolute area of a simple polygon (0 for fewer than 3 points).</summary>
    public static double Area(ReadOnlySpan<Point2> ring) => Math.Abs(SignedArea(ring));

    /// <summary>
    /// Even-odd (ray casting) point-in-polygon test. Points exactly on an edge count as inside, so a person standing
    /// on the drawn border is in the zone and the answer does not depend on floating-point luck.
    /// </summary>
    public static bool Contains(ReadOnlySpan<Point2> ring, Point2 p)
    {
        if (ring.Length < 3)
        {
            return false;
        }

        bool inside = false;
        Point2 a = ring[^1];
        for (int i = 0; i < ring.Length; i++)
        {
            Point2 b = ring[i];
            if (SegmentMath.IsOnSegment(a, b, p))
            {
                return true;
            }

            // Half-open rule on y so a vertex shared by two edges is counted once.
            if ((a.Y > p.Y) != (b.Y > p.Y))
            {
                double xAtY = a.X + ((double)(p.Y - a.Y) * (b.X - a.X) / (b.Y - a.Y));
                if (p.X < xAtY)
                {
                    inside = !inside;
                }
            }

            a = b;
        }

        return inside;
    }

    /// <summary>
    /// True when two non-adjacent edges of the ring touch or cross (a bow-tie, a loop), or when two adjacent edges
    /// fold back onto each other. O(n²), fine for the at most 100 points a zone may have.
    /// </summary>
    public static bool IsSelfIntersecting(ReadOnlySpan<Point2> ring)
    {
        int n = ring.Length;
        if (n < 3)
        {
            return false;
        }

        for (int i = 0; i < n; i++)
        {
            Point2 a1 = ring[i];
            Point2 a2 = ring[(i + 1) % n];
            for (int j = i + 1; j < n; j++)
            {
                Point2 b1 = ring[j];
                Point2 b2 = ring[(j + 1) % n];
                bool adjacent = j == i + 1 || (i == 0 && j == n - 1);
                if (adjacent)
                {
                    // Adjacent edges share one vertex; they only "intersect" if they overlap along a line (fold back).
                    Point2 shared = j == i + 1 ? a2 : a1;
                    Point2 otherA = j == i + 1 ? a1 : a2;
                    Point2 otherB = j == i + 1 ? b2 : b1;
                    if (Point2.Cross(otherA - shared, otherB - shared) == 0 && Point2.Dot(otherA - shared, otherB - shared) > 0)
                    {
                        return true;
                    }

                    continue;
                }

                if (SegmentMath.Intersects(a1, a2, b1, b2))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
