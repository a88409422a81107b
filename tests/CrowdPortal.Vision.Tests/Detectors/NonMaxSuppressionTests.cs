using CrowdPortal.Core;
using CrowdPortal.Vision.Detectors;

namespace CrowdPortal.Vision.Tests.Detectors;

public class NonMaxSuppressionTests
{
    // Four hand-made boxes: A and B overlap heavily (IoU 0.90), C overlaps A and B a little (IoU 0.14, 0.15), D stands alone.
    private static readonly Detection A = new(0, 0, 100, 100, 0.9f, 0);
    private static readonly Detection B = new(5, 5, 100, 100, 0.8f, 0);
    private static readonly Detection C = new(50, 50, 150, 150, 0.7f, 0);
    private static readonly Detection D = new(300, 300, 350, 400, 0.6f, 0);

    public static TheoryData<string, Detection[], float, Detection[]> Cases => new()
    {
        { "empty input keeps nothing", [], 0.5f, [] },
        { "overlapping weaker box is dropped, others kept", [D, B, C, A], 0.5f, [A, C, D] },
        { "a lower IoU threshold also drops the slightly overlapping box", [A, B, C, D], 0.1f, [A, D] },
        { "a threshold above every IoU keeps all, by falling score", [C, A, D, B], 0.95f, [A, B, C, D] },
        { "boxes of another class never suppress each other", [A, B with { ClassId = 1 }], 0.5f, [A, B with { ClassId = 1 }] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Apply_KeepsBestBoxOfEachOverlappingGroup(string label, Detection[] input, float iou, Detection[] expected)
    {
        var candidates = new List<Detection>(input);
        var kept = new List<Detection>();

        NonMaxSuppression.Apply(candidates, iou, kept);

        Assert.True(expected.SequenceEqual(kept), $"{label}: got [{string.Join("; ", kept)}]");
    }

    [Fact]
    public void Apply_StopsAtMaxDetections()
    {
        var kept = new List<Detection>();

        NonMaxSuppression.Apply([A, C, D], 0.5f, kept, maxDetections: 2);

        Assert.Equal([A, C], kept);
    }
}
