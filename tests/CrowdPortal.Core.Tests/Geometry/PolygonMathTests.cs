using CrowdPortal.Core.Geometry;

namespace CrowdPortal.Core.Tests.Geometry;

public class PolygonMathTests
{
    private static readonly Point2[] Square = [new(0, 0), new(4, 0), new(4, 4), new(0, 4)];
    private static readonly Point2[] BowTie = [new(0, 0), new(4, 4), new(4, 0), new(0, 4)];
    private static readonly Point2[] LShape = [new(0, 0), new(4, 0), new(4, 1), new(1, 1), new(1, 4), new(0, 4)];

    public static TheoryData<string, Point2[], double> AreaRows => new()
    {
        { "empty ring", [], 0 },
        { "two points", [new(0, 0), new(1, 1)], 0 },
        { "4x4 square", Square, 16 },
        { "square, other winding", [new(0, 0), new(0, 4), new(4, 4), new(4, 0)], 16 },
        { "right triangle 3x4", [new(0, 0), new(3, 0), new(0, 4)], 6 },
        { "L shape", LShape, 7 },
        { "collinear points", [new(0, 0), new(1, 1), new(2, 2)], 0 },
    };

    [Theory]
    [MemberData(nameof(AreaRows))]
    public void Area_IsShoelaceAbsoluteArea(string label, Point2[] ring, double expected)
    {
        Assert.True(Math.Abs(PolygonMath.Area(ring) - expected) < 1e-9, label);
    }

    public static TheoryData<string, Point2[], Point2, bool> ContainsRows => new()
    {
        { "empty ring contains nothing", [], new(0, 0), false },
        { "centre of square", Square, new(2, 2), true },
        { "outside right", Square, new(5, 2), false },
        { "outside above", Square, new(2, -0.1f), false },
        { "on an edge counts inside", Square, new(4, 2), true },
        { "on a vertex counts inside", Square, new(0, 0), true },
        { "in the L's arm", LShape, new(0.5f, 3), true },
        { "in the L's notch (outside)", LShape, new(3, 3), false },
        { "ray through a vertex, inside", [new(0, 0), new(2, 1), new(4, 0), new(4, 4), new(0, 4)], new(1, 1), true },
        { "ray through a vertex, outside", [new(0, 0), new(2, 1), new(4, 0), new(4, 4), new(0, 4)], new(-1, 1), false },
    };

    [Theory]
    [MemberData(nameof(ContainsRows))]
    public void Contains_UsesEvenOddWithInclusiveEdges(string label, Point2[] ring, Point2 p, bool expected)
    {
        Assert.True(PolygonMath.Contains(ring, p) == expected, label);
    }

    public static TheoryData<string, Point2[], bool> SelfIntersectionRows => new()
    {
        { "empty ring", [], false },
        { "triangle", [new(0, 0), new(1, 0), new(0, 1)], false },
        { "square", Square, false },
        { "L shape (concave)", LShape, false },
        { "bow-tie", BowTie, true },
        { "star drawn in one stroke", [new(2, 0), new(3, 4), new(0, 1.5f), new(4, 1.5f), new(1, 4)], true },
        { "edge folds back on the previous one", [new(0, 0), new(4, 0), new(2, 0), new(2, 3)], true },
        { "vertex touches another edge", [new(0, 0), new(4, 0), new(4, 4), new(2, 0.0f), new(0, 4)], true },
    };

    [Theory]
    [MemberData(nameof(SelfIntersectionRows))]
    public void IsSelfIntersecting_FindsCrossingEdges(string label, Point2[] ring, bool expected)
    {
        Assert.True(PolygonMath.IsSelfIntersecting(ring) == expected, label);
    }
}
