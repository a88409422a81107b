using CrowdPortal.Cli.Sinks;
using CrowdPortal.Core.Geometry;
using CrowdPortal.Core.Zones;

namespace CrowdPortal.Cli.Tests;

public sealed class PerFrameColumnsTests
{
    private static readonly Point2[] Square = [new(0, 0), new(1, 0), new(1, 1), new(0, 1)];

    public static TheoryData<string, ZoneDefinition[], string[]> Cases => new()
    {
        { "no zones", [], [] },
        { "labels as given", [Zone("a", "Gate"), Zone("b", "Hall")], ["Gate", "Hall"] },
        { "masks have no column", [Zone("a", "Gate"), Zone("m", "Cone", ZoneKind.Mask)], ["Gate"] },
        { "clashing labels get their id", [Zone("a", "Hall"), Zone("b", "Hall")], ["Hall (a)", "Hall (b)"] },
        { "label clashing with a fixed column", [Zone("p", "people")], ["people (p)"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void ZoneColumns_OnePerCountedZone(string label, ZoneDefinition[] zones, string[] expected)
    {
        Assert.True(expected.SequenceEqual(PerFrameCsvSink.ZoneColumns(ZoneSet.Create(zones))), label);
    }

    private static ZoneDefinition Zone(string id, string label, ZoneKind kind = ZoneKind.Polygon) =>
        new() { ZoneId = id, Label = label, Kind = kind, Points = Square };
}
