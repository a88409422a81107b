using CrowdPortal.Core.Analysis;

namespace CrowdPortal.Core.Tests.Analysis;

public class FarAreaTests
{
    public static TheoryData<string, double?, double?, double?, double?, string[]> Rows => new()
    {
        { "the upper-lawn strip of vtest.avi", 0, 0.08, 0.45, 0.25, [] },
        { "the whole frame", 0, 0, 1, 1, [] },
        { "the smallest area, at the bottom-right corner", 0.95, 0.95, 0.05, 0.05, [] },
        { "drawn to the edge, rounded by the client", 0.3333, 0.5, 0.6667, 0.5, [] },
        { "nothing sent", null, null, null, null, ["x", "y", "width", "height"] },
        { "height missing", 0.1, 0.1, 0.2, null, ["height"] },
        { "not a number", double.NaN, 0.1, 0.2, 0.2, ["x"] },
        { "infinite width", 0.1, 0.1, double.PositiveInfinity, 0.2, ["width"] },
        { "negative x", -0.1, 0.1, 0.2, 0.2, ["x"] },
        { "y at the bottom edge", 0.1, 1, 0.2, 0.2, ["y"] },
        { "width under 5 %", 0.1, 0.1, 0.04, 0.2, ["width"] },
        { "zero height", 0.1, 0.1, 0.2, 0, ["height"] },
        { "wider than the frame", 0, 0, 1.5, 0.2, ["width"] },
        { "sticks out to the right", 0.8, 0.1, 0.3, 0.2, ["width"] },
        { "sticks out at the bottom", 0.1, 0.9, 0.2, 0.2, ["height"] },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void TryCreate_AcceptsAreasInsideTheFrame_AndNamesEachBadField(string label, double? x, double? y, double? width, double? height, string[] badFields)
    {
        bool ok = FarArea.TryCreate(x, y, width, height, out var area, out var problems);

        Assert.True(ok == (badFields.Length == 0), label);
        Assert.Equal(badFields, problems.Select(p => p.Key).Distinct().ToArray());
        Assert.All(problems, p => Assert.Contains(p.Key, p.Value, StringComparison.Ordinal));
        if (ok)
        {
            Assert.Equal(new FarArea(x!.Value, y!.Value, width!.Value, height!.Value), area);
        }
    }
}
