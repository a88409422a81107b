using CrowdPortal.Core.Geometry;
using CrowdPortal.Core.Zones;

namespace CrowdPortal.Core.Tests.Zones;

public class ZoneValidatorTests
{
    private static readonly Point2[] Square = [new(0.2f, 0.2f), new(0.8f, 0.2f), new(0.8f, 0.8f), new(0.2f, 0.8f)];

    private static ZoneDefinition Valid(ZoneKind kind = ZoneKind.Polygon) => new()
    {
        ZoneId = "gate",
        Label = "Main gate",
        Kind = kind,
        Points = kind == ZoneKind.Line ? [new(0.1f, 0.5f), new(0.9f, 0.5f)] : Square,
    };

    public static TheoryData<string, ZoneDefinition> ValidRows => new()
    {
        { "polygon, defaults", Valid() },
        { "line", Valid(ZoneKind.Line) },
        { "mask", Valid(ZoneKind.Mask) },
        { "triangle on the frame border", Valid() with { Points = [new(0, 0), new(1, 0), new(1, 1)] } },
        { "all optional fields", Valid() with { AreaM2 = 25, Warning = 1.1, Critical = 2.2, Colour = "#1E90ff", Anchor = AnchorPoint.Center, InertiaFrames = 1 } },
        { "warning equals critical", Valid() with { Warning = 3, Critical = 3 } },
        { "zero thresholds", Valid() with { Warning = 0, Critical = 0 } },
        { "exactly 100 points", Valid() with { Points = Circle(100) } },
        { "label of 64 characters", Valid() with { Label = new string('a', 64) } },
        { "short colour", Valid() with { Colour = "#f0a" } },
    };

    [Theory]
    [MemberData(nameof(ValidRows))]
    public void Validate_AcceptsValidZone(string label, ZoneDefinition zone)
    {
        IReadOnlyList<ZoneError> errors = ZoneValidator.Validate(zone);
        Assert.True(errors.Count == 0, label + ": " + string.Join(" | ", errors));
    }

    public static TheoryData<string, ZoneDefinition, string, string> InvalidRows => new()
    {
        { "no points at all", Valid() with { Points = [] }, "points", "at least 3 points (got 0)" },
        { "polygon with 2 points", Valid() with { Points = [new(0, 0), new(1, 1)] }, "points", "a polygon needs at least 3 points (got 2)" },
        { "mask with 2 points", Valid(ZoneKind.Mask) with { Points = [new(0, 0), new(1, 1)] }, "points", "a mask needs at least 3 points" },
        { "line with 3 points", Valid(ZoneKind.Line) with { Points = Square[..3] }, "points", "a line needs exactly 2 points (got 3)" },
        { "line with 1 point", Valid(ZoneKind.Line) with { Points = [new(0, 0)] }, "points", "exactly 2 points (got 1)" },
        { "line of zero length", Valid(ZoneKind.Line) with { Points = [new(0.5f, 0.5f), new(0.5f, 0.5f)] }, "points", "must be different" },
        { "101 points", Valid() with { Points = Circle(101) }, "points", "at most 100 points" },
        { "x above 1", Valid() with { Points = [new(0, 0), new(1.5f, 0), new(1, 1)] }, "points[1]", "within [0, 1] (got [1.5, 0])" },
        { "negative y", Valid() with { Points = [new(0, -0.1f), new(1, 0), new(1, 1)] }, "points[0]", "within [0, 1]" },
        { "NaN", Valid() with { Points = [new(0, 0), new(float.NaN, 0), new(1, 1)] }, "points[1]", "finite" },
        { "infinity", Valid() with { Points = [new(0, 0), new(1, 0), new(1, float.PositiveInfinity)] }, "points[2]", "finite" },
        { "self-intersecting bow-tie", Valid() with { Points = [new(0.2f, 0.2f), new(0.8f, 0.8f), new(0.8f, 0.2f), new(0.2f, 0.8f)] }, "points", "crosses itself" },
        { "bow-tie mask", Valid(ZoneKind.Mask) with { Points = [new(0.2f, 0.2f), new(0.8f, 0.8f), new(0.8f, 0.2f), new(0.2f, 0.8f)] }, "points", "the mask's outline crosses itself" },
        { "collinear points", Valid() with { Points = [new(0.1f, 0.1f), new(0.2f, 0.2f), new(0.3f, 0.3f)] }, "points", "enclose no area" },
        { "empty label", Valid() with { Label = "" }, "label", "is required" },
        { "blank label", Valid() with { Label = "   " }, "label", "is required" },
        { "label too long", Valid() with { Label = new string('a', 65) }, "label", "at most 64 characters (got 65)" },
        { "empty id", Valid() with { ZoneId = "" }, "zoneId", "is required" },
        { "id with a space", Valid() with { ZoneId = "main gate" }, "zoneId", "only letters, digits" },
        { "reserved id", Valid() with { ZoneId = "frame" }, "zoneId", "reserved" },
        { "warning above critical", Valid() with { Warning = 5, Critical = 2 }, "warning", "must not be above critical (warning 5, critical 2)" },
        { "negative warning", Valid() with { Warning = -1 }, "warning", "zero or more" },
        { "NaN critical", Valid() with { Critical = double.NaN }, "critical", "finite" },
        { "zero area", Valid() with { AreaM2 = 0 }, "areaM2", "positive" },
        { "negative area", Valid() with { AreaM2 = -3 }, "areaM2", "positive" },
        { "colour not hex", Valid() with { Colour = "red" }, "colour", "#1e90ff" },
        { "inertia zero", Valid() with { InertiaFrames = 0 }, "inertia", "between 1 and 1000" },
        { "unknown kind", Valid() with { Kind = (ZoneKind)7 }, "kind", "\"polygon\", \"line\" or \"mask\"" },
    };

    [Theory]
    [MemberData(nameof(InvalidRows))]
    public void Validate_ExplainsTheProblem(string label, ZoneDefinition zone, string field, string messagePart)
    {
        IReadOnlyList<ZoneError> errors = ZoneValidator.Validate(zone);
        Assert.True(errors.Count > 0, label + ": expected an error");
        Assert.Contains(errors, e => e.Field == field && e.Message.Contains(messagePart, StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_NamesTheZoneInEveryError()
    {
        ZoneError error = Assert.Single(ZoneValidator.Validate(Valid() with { Points = [new(0, 0), new(1, 1)] }));
        Assert.Equal("gate", error.Zone);
        Assert.Equal("Zone 'gate', points: a polygon needs at least 3 points (got 2).", error.ToString());
    }

    [Fact]
    public void Validate_ReportsEveryProblemNotJustTheFirst()
    {
        IReadOnlyList<ZoneError> errors = ZoneValidator.Validate(Valid() with { Label = "", Warning = 3, Critical = 1, AreaM2 = -1 });
        Assert.Equal(["label", "warning", "areaM2"], errors.Select(e => e.Field).ToArray());
    }

    [Fact]
    public void ValidateSet_EmptyListIsValid()
    {
        Assert.Empty(ZoneValidator.Validate(Array.Empty<ZoneDefinition>()));
    }

    [Fact]
    public void ValidateSet_RejectsDuplicateIds_AndNamesZonesWithoutIdByPosition()
    {
        IReadOnlyList<ZoneError> errors = ZoneValidator.Validate([Valid(), Valid(ZoneKind.Line), Valid() with { ZoneId = "" }]);
        Assert.Contains(errors, e => e.Zone == "gate" && e.Field == "zoneId" && e.Message.Contains("unique", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Zone == "#3" && e.Field == "zoneId" && e.Message == "is required.");
    }

    [Fact]
    public void ZoneSet_Create_ThrowsWithAllErrors()
    {
        var ex = Assert.Throws<ZoneValidationException>(() => ZoneSet.Create([Valid() with { Points = [] }]));
        Assert.Single(ex.Errors);
        Assert.Contains("Zone 'gate', points", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ZoneSet_OfKind_FiltersInOrder()
    {
        ZoneSet set = ZoneSet.Create([Valid(), Valid(ZoneKind.Line) with { ZoneId = "line" }, Valid(ZoneKind.Mask) with { ZoneId = "mask" }]);
        Assert.Equal("line", Assert.Single(set.OfKind(ZoneKind.Line)).ZoneId);
        Assert.Equal(3, set.Zones.Count);
    }

    private static Point2[] Circle(int n)
    {
        var points = new Point2[n];
        for (int i = 0; i < n; i++)
        {
            double a = 2 * Math.PI * i / n;
            points[i] = new Point2((float)(0.5 + (0.4 * Math.Cos(a))), (float)(0.5 + (0.4 * Math.Sin(a))));
        }

        return points;
    }
}
