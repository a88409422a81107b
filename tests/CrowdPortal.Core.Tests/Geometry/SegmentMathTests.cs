using CrowdPortal.Core.Geometry;

namespace CrowdPortal.Core.Tests.Geometry;

public class SegmentMathTests
{
    public static TheoryData<string, Point2, Point2, Point2, Point2, bool> IntersectRows => new()
    {
        { "zero-length segments apart", new(0, 0), new(0, 0), new(1, 1), new(1, 1), false },
        { "X crossing", new(0, 0), new(2, 2), new(0, 2), new(2, 0), true },
        { "parallel apart", new(0, 0), new(2, 0), new(0, 1), new(2, 1), false },
        { "collinear overlapping", new(0, 0), new(2, 0), new(1, 0), new(3, 0), true },
        { "collinear disjoint", new(0, 0), new(1, 0), new(2, 0), new(3, 0), false },
        { "T touch", new(0, 0), new(2, 0), new(1, 0), new(1, 2), true },
        { "would cross if extended", new(0, 0), new(1, 1), new(3, 0), new(2, 1), false },
        { "shared end point", new(0, 0), new(1, 1), new(1, 1), new(2, 0), true },
    };

    [Theory]
    [MemberData(nameof(IntersectRows))]
    public void Intersects_ClosedSegments(string label, Point2 a1, Point2 a2, Point2 b1, Point2 b2, bool expected)
    {
        Assert.True(SegmentMath.Intersects(a1, a2, b1, b2) == expected, label);
        Assert.True(SegmentMath.Intersects(b1, b2, a1, a2) == expected, label + " (swapped)");
    }

    public static TheoryData<string, Point2, int> SideRows => new()
    {
        { "origin of the line (on it)", new(0, 0), 0 },
        { "below a left-to-right line is right (+1) on screen", new(5, 3), 1 },
        { "above is left (-1)", new(5, -3), -1 },
        { "on the line beyond its end", new(20, 0), 0 },
    };

    [Theory]
    [MemberData(nameof(SideRows))]
    public void Side_OfLeftToRightLine(string label, Point2 p, int expected)
    {
        Assert.True(SegmentMath.Side(new Point2(0, 0), new Point2(10, 0), p) == expected, label);
    }

    [Fact]
    public void Projection_IsZeroAtStartOneAtEnd()
    {
        Assert.Equal(0, SegmentMath.Projection(new(0, 0), new(10, 0), new(0, 5)), 9);
        Assert.Equal(1, SegmentMath.Projection(new(0, 0), new(10, 0), new(10, -5)), 9);
        Assert.Equal(0.5, SegmentMath.Projection(new(0, 0), new(10, 0), new(5, 5)), 9);
        Assert.True(double.IsNaN(SegmentMath.Projection(new(1, 1), new(1, 1), new(5, 5))));
    }
}
