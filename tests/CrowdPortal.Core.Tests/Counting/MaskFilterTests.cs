using CrowdPortal.Core.Counting;
using CrowdPortal.Core.Geometry;
using CrowdPortal.Core.Zones;

namespace CrowdPortal.Core.Tests.Counting;

public class MaskFilterTests
{
    private static readonly FrameSize Frame = new(100, 100);

    private static readonly ZoneDefinition Mask = new()
    {
        ZoneId = "sign",
        Label = "Sign",
        Kind = ZoneKind.Mask,
        Points = [new(0, 0), new(0.5f, 0), new(0.5f, 0.5f), new(0, 0.5f)],
    };

    private static readonly ZoneDefinition Polygon = Mask with { ZoneId = "area", Kind = ZoneKind.Polygon };

    private static Detection Feet(float x, float y) => new(x - 5, y - 20, x + 5, y, 0.9f, 0);

    public static TheoryData<string, ZoneDefinition[], Detection[], int> Rows => new()
    {
        { "empty input", [Mask], [], 0 },
        { "no masks keeps everything", [], [Feet(25, 25), Feet(75, 75)], 2 },
        { "feet inside the mask are dropped", [Mask], [Feet(25, 25)], 0 },
        { "feet outside are kept", [Mask], [Feet(75, 75), Feet(25, 75)], 2 },
        { "feet on the mask border are dropped", [Mask], [Feet(50, 50)], 0 },
        { "mixed", [Mask], [Feet(25, 25), Feet(75, 75), Feet(10, 40)], 1 },
        { "polygon zones do not mask", [Polygon], [Feet(25, 25)], 1 },
        { "head inside but feet outside is kept", [Mask], [new Detection(20, 40, 30, 70, 0.9f, 0)], 1 },
        { "a centre-anchored mask drops it", [Mask with { Anchor = AnchorPoint.Center }], [new Detection(20, 30, 30, 60, 0.9f, 0)], 0 },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Apply_DropsDetectionsWhoseAnchorIsMasked(string label, ZoneDefinition[] zones, Detection[] input, int kept)
    {
        var filter = new MaskFilter(zones, Frame);
        var output = new List<Detection> { Feet(1, 1) };
        int count = filter.Apply(input, output);
        Assert.True(kept == count && kept == output.Count, $"{label}: kept {count}");
        foreach (Detection d in output)
        {
            Assert.False(filter.IsMasked(d), label);
        }
    }
}
