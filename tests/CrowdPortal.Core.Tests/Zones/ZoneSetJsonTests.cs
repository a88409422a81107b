using CrowdPortal.Core.Geometry;
using CrowdPortal.Core.Zones;

namespace CrowdPortal.Core.Tests.Zones;

public class ZoneSetJsonTests
{
    private const string FullDocument = """
        [
          {"zoneId": "gate", "label": "Main gate", "kind": "polygon",
           "points": [[0.1, 0.5], [0.9, 0.5], [0.9, 1], [0.1, 1]],
           "warning": 1.5, "critical": 3, "areaM2": 40, "colour": "#1e90ff", "anchor": "center", "inertia": 5},
          {"zoneId": "door", "label": "Door line", "kind": "line", "points": [[0.2, 0.3], [0.8, 0.3]]},
          {"zoneId": "sign", "label": "Info sign", "kind": "MASK", "points": [[0, 0], [0.1, 0], [0.1, 0.1]]}
        ]
        """;

    [Fact]
    public void Parse_ReadsEveryField()
    {
        ZoneSetParseResult result = ZoneSetJson.Parse(FullDocument);

        Assert.True(result.IsValid, string.Join(" | ", result.Errors));
        Assert.Equal(3, result.ZoneSet.Zones.Count);
        ZoneDefinition gate = result.ZoneSet.Zones[0];
        Assert.Equal("gate", gate.ZoneId);
        Assert.Equal("Main gate", gate.Label);
        Assert.Equal(ZoneKind.Polygon, gate.Kind);
        Assert.Equal([new(0.1f, 0.5f), new(0.9f, 0.5f), new(0.9f, 1), new(0.1f, 1)], gate.Points);
        Assert.Equal(1.5, gate.Warning);
        Assert.Equal(3, gate.Critical);
        Assert.Equal(40, gate.AreaM2);
        Assert.Equal("#1e90ff", gate.Colour);
        Assert.Equal(AnchorPoint.Center, gate.Anchor);
        Assert.Equal(5, gate.InertiaFrames);

        ZoneDefinition door = result.ZoneSet.Zones[1];
        Assert.Equal(ZoneKind.Line, door.Kind);
        Assert.Null(door.Warning);
        Assert.Null(door.AreaM2);
        Assert.Equal(AnchorPoint.BottomCenter, door.Anchor);
        Assert.Equal(ZoneDefinition.DefaultInertiaFrames, door.InertiaFrames);
        Assert.Equal(ZoneKind.Mask, result.ZoneSet.Zones[2].Kind);
    }

    [Fact]
    public void Serialize_ThenParse_RoundTrips()
    {
        IReadOnlyList<ZoneDefinition> zones = ZoneSetJson.Parse(FullDocument).ZoneSet.Zones;
        ZoneSetParseResult again = ZoneSetJson.Parse(ZoneSetJson.Serialize(zones));

        Assert.True(again.IsValid, string.Join(" | ", again.Errors));
        Assert.Equal(zones.Count, again.ZoneSet.Zones.Count);
        for (int i = 0; i < zones.Count; i++)
        {
            // Records compare Points by reference, so compare the point lists separately.
            Assert.Equal(zones[i] with { Points = [] }, again.ZoneSet.Zones[i] with { Points = [] });
            Assert.Equal(zones[i].Points, again.ZoneSet.Zones[i].Points);
        }
    }

    [Fact]
    public void Serialize_UsesTheApiFieldNames()
    {
        string json = ZoneSetJson.Serialize(ZoneSetJson.Parse(FullDocument).ZoneSet.Zones);
        foreach (string name in new[] { "\"zoneId\"", "\"label\"", "\"kind\": \"line\"", "\"points\"", "\"warning\"", "\"critical\"", "\"areaM2\"", "\"colour\"", "\"anchor\": \"center\"", "\"inertia\"" })
        {
            Assert.Contains(name, json, StringComparison.Ordinal);
        }
    }

    public static TheoryData<string, string, string, string, string> ErrorRows => new()
    {
        { "not JSON", "[{", "(document)", "json", "is not valid JSON" },
        { "an object, not an array", "{\"zoneId\": \"a\"}", "(document)", "json", "must be an array" },
        { "zone not an object", "[42]", "#1", "(zone)", "JSON object" },
        { "missing points", """[{"zoneId":"a","label":"A"}]""", "a", "points", "is required" },
        { "points not pairs", """[{"zoneId":"a","label":"A","points":[[0,0],[1],[1,1]]}]""", "a", "points[1]", "pair of finite numbers" },
        { "coordinate is a string", """[{"zoneId":"a","label":"A","points":[[0,0],["1",0],[1,1]]}]""", "a", "points[1]", "pair of finite numbers" },
        { "coordinate overflows to infinity", """[{"zoneId":"a","label":"A","points":[[0,0],[1e999,0],[1,1]]}]""", "a", "points[1]", "finite" },
        { "coordinate outside [0,1]", """[{"zoneId":"a","label":"A","points":[[0,0],[2,0],[1,1]]}]""", "a", "points[1]", "within [0, 1]" },
        { "two points polygon", """[{"zoneId":"a","label":"A","points":[[0,0],[1,1]]}]""", "a", "points", "at least 3 points" },
        { "bow-tie", """[{"zoneId":"a","label":"A","points":[[0,0],[1,1],[1,0],[0,1]]}]""", "a", "points", "crosses itself" },
        { "unknown kind", """[{"zoneId":"a","label":"A","kind":"circle","points":[[0,0],[1,0],[1,1]]}]""", "a", "kind", "\"circle\"" },
        { "warning is text", """[{"zoneId":"a","label":"A","warning":"high","points":[[0,0],[1,0],[1,1]]}]""", "a", "warning", "finite number" },
        { "warning above critical", """[{"zoneId":"a","label":"A","warning":9,"critical":3,"points":[[0,0],[1,0],[1,1]]}]""", "a", "warning", "not be above critical" },
        { "label too long", "[{\"zoneId\":\"a\",\"label\":\"" + new string('x', 65) + "\",\"points\":[[0,0],[1,0],[1,1]]}]", "a", "label", "at most 64" },
        { "no id: named by position", """[{"zoneId":"a","label":"A","points":[[0,0],[1,0],[1,1]]},{"label":"B","points":[[0,0],[1,0],[1,1]]}]""", "#2", "zoneId", "is required" },
        { "duplicate ids", """[{"zoneId":"a","label":"A","points":[[0,0],[1,0],[1,1]]},{"zoneId":"a","label":"B","points":[[0,0],[1,0],[1,1]]}]""", "a", "zoneId", "unique" },
        { "inertia not whole", """[{"zoneId":"a","label":"A","inertia":2.5,"points":[[0,0],[1,0],[1,1]]}]""", "a", "inertia", "whole number" },
        { "single threshold is not silently ignored", """[{"zoneId":"a","label":"A","threshold":5,"points":[[0,0],[1,0],[1,1]]}]""", "a", "threshold", "\"warning\" and/or \"critical\"" },
        { "too many zones", "[" + string.Join(",", Enumerable.Range(0, 51).Select(i => "{\"zoneId\":\"z" + i + "\",\"label\":\"Z\",\"points\":[[0,0],[1,0],[1,1]]}")) + "]", "(document)", "json", "at most 50 zones" },
        { "bad anchor", """[{"zoneId":"a","label":"A","anchor":"feet","points":[[0,0],[1,0],[1,1]]}]""", "a", "anchor", "bottom-center" },
    };

    [Theory]
    [MemberData(nameof(ErrorRows))]
    public void Parse_ReportsZoneAndField(string label, string json, string zone, string field, string messagePart)
    {
        ZoneSetParseResult result = ZoneSetJson.Parse(json);

        Assert.False(result.IsValid, label);
        Assert.Empty(result.ZoneSet.Zones);
        Assert.True(
            result.Errors.Any(e => e.Zone == zone && e.Field == field && e.Message.Contains(messagePart, StringComparison.Ordinal)),
            label + ": got " + string.Join(" | ", result.Errors));
    }

    [Fact]
    public void Parse_EmptyArray_IsAValidEmptySet()
    {
        ZoneSetParseResult result = ZoneSetJson.Parse("[]");
        Assert.True(result.IsValid);
        Assert.Empty(result.ZoneSet.Zones);
    }

    [Fact]
    public void Parse_AcceptsNumericIdsAndAnyCaseNames()
    {
        ZoneSetParseResult result = ZoneSetJson.Parse("""[{"ZoneId": 7, "LABEL": "Seven", "Points": [[0,0],[1,0],[1,1]], "extra": true}]""");
        Assert.True(result.IsValid, string.Join(" | ", result.Errors));
        Assert.Equal("7", result.ZoneSet.Zones[0].ZoneId);
    }

    public static TheoryData<string, string, bool, int> PointRows => new()
    {
        { "empty list", "[]", true, 0 },
        { "three points", "[[0,0],[1,0],[0.5,1]]", true, 3 },
        { "not an array", "{}", false, 0 },
        { "a pair with one number", "[[0,0],[1]]", false, 0 },
        { "not JSON", "[[0,", false, 0 },
    };

    [Theory]
    [MemberData(nameof(PointRows))]
    public void TryParsePoints_ReadsAPointList(string label, string json, bool ok, int count)
    {
        bool parsed = ZoneSetJson.TryParsePoints(json, out Point2[] points, out string? error);
        Assert.True(ok == parsed, $"{label}: {error}");
        Assert.Equal(count, points.Length);
        Assert.Equal(ok, error is null);
    }

    [Fact]
    public void SerializePoints_RoundTrips()
    {
        Point2[] points = [new(0.125f, 0.5f), new(1, 0), new(0.3f, 0.7f)];
        string json = ZoneSetJson.SerializePoints(points);
        Assert.StartsWith("[[0.125,0.5],[1,0],", json, StringComparison.Ordinal);
        Assert.True(ZoneSetJson.TryParsePoints(json, out Point2[] again, out _));
        Assert.Equal(points, again);
    }
}
