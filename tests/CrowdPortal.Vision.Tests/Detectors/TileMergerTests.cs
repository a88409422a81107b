using CrowdPortal.Core;
using CrowdPortal.Vision.Detectors;

namespace CrowdPortal.Vision.Tests.Detectors;

public class TileMergerTests
{
    private static readonly Detection Whole = new(100, 100, 140, 200, 0.8f, 0);
    private static readonly Detection UpperHalf = new(101, 100, 139, 150, 0.9f, 0); // inside Whole: the same person, cut
    private static readonly Detection Shifted = new(104, 102, 144, 202, 0.6f, 0); // IoU 0.78 with Whole
    private static readonly Detection Beside = new(125, 100, 165, 200, 0.7f, 0); // IoU 0.23 with Whole: someone else
    private static readonly Detection Far = new(400, 300, 420, 350, 0.5f, 0);

    public static TheoryData<string, (Detection Box, int Pass)[], Detection[]> Cases => new()
    {
        { "empty input keeps nothing", [], [] },
        { "the same person in the frame and a tile counts once, the higher score kept", [(Whole, 0), (Shifted, 1)], [Whole] },
        { "a part of a person inside their whole box from another pass counts once", [(Whole, 0), (UpperHalf, 2)], [UpperHalf] },
        { "two people close together in one pass stay two", [(Whole, 0), (Beside, 0)], [Whole, Beside] },
        { "two people close together from different passes stay two", [(Whole, 0), (Beside, 1)], [Whole, Beside] },
        { "a person found only in a tile is added", [(Whole, 0), (Far, 3)], [Whole, Far] },
        { "overlapping boxes of one pass are the detector's decision", [(Whole, 1), (Shifted, 1)], [Whole, Shifted] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void MergeInto_CountsEachPersonOnce(string label, (Detection Box, int Pass)[] input, Detection[] expected)
    {
        var merger = new TileMerger();
        foreach (var (box, pass) in input)
        {
            merger.Add(box, pass);
        }

        var output = new List<Detection> { Far };
        merger.MergeInto(output);

        Assert.True(expected.SequenceEqual(output), $"{label}: got [{string.Join("; ", output)}]");
    }
}
