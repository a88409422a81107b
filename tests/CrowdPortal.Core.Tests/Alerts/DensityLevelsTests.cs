using System.Globalization;
using CrowdPortal.Core.Alerts;
using CrowdPortal.Core.Zones;

namespace CrowdPortal.Core.Tests.Alerts;

public class DensityLevelsTests
{
    private static ZoneDefinition Zone(double? area, double? warning, double? critical, ZoneKind kind = ZoneKind.Polygon) => new()
    {
        ZoneId = "z",
        Label = "Z",
        Kind = kind,
        Points = kind == ZoneKind.Line ? [new(0, 0), new(1, 1)] : [new(0, 0), new(1, 0), new(1, 1)],
        AreaM2 = area,
        Warning = warning,
        Critical = critical,
    };

    public static TheoryData<string, ZoneDefinition, int, string, AlertLevel> Rows => new()
    {
        { "empty zone with an area: Fruin defaults", Zone(10, null, null), 0, "1.1/2.2", AlertLevel.Normal },
        { "1.0 p/m² is free enough", Zone(10, null, null), 10, "1.1/2.2", AlertLevel.Normal },
        { "1.1 p/m² is restricted: warning", Zone(10, null, null), 11, "1.1/2.2", AlertLevel.Warning },
        { "2.2 p/m² is crowded: critical", Zone(10, null, null), 22, "1.1/2.2", AlertLevel.Critical },
        { "no area, no thresholds: no alerts", Zone(null, null, null), 100, "none", AlertLevel.Normal },
        { "count thresholds without an area: warning", Zone(null, 5, 10), 5, "5/10", AlertLevel.Warning },
        { "count thresholds without an area: critical", Zone(null, 5, 10), 12, "5/10", AlertLevel.Critical },
        { "only critical given: warning equals it", Zone(null, null, 8), 8, "8/8", AlertLevel.Critical },
        { "only critical given, below it", Zone(null, null, 8), 7, "8/8", AlertLevel.Normal },
        { "only warning given: never critical", Zone(null, 3, null), 50, "3/Infinity", AlertLevel.Warning },
        { "own density thresholds win over Fruin", Zone(20, 0.5, 1), 10, "0.5/1", AlertLevel.Warning },
        { "line zones have no alerts", Zone(null, 1, 2, ZoneKind.Line), 5, "none", AlertLevel.Normal },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void ThresholdsAndLevel(string label, ZoneDefinition zone, int count, string thresholds, AlertLevel level)
    {
        string actual = DensityLevels.ThresholdsFor(zone) is AlertThresholds t
            ? string.Create(CultureInfo.InvariantCulture, $"{t.Warning}/{t.Critical}")
            : "none";
        Assert.True(thresholds == actual, $"{label}: thresholds {actual}");
        Assert.True(level == DensityLevels.Classify(zone, count), label);
    }

    [Fact]
    public void Measure_IsDensityWithAreaElseCount()
    {
        Assert.Equal(0.5, DensityLevels.Measure(Zone(8, null, null), 4));
        Assert.Equal(4, DensityLevels.Measure(Zone(null, null, null), 4));
    }

    [Fact]
    public void Thresholds_RejectWarningAboveCritical()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AlertThresholds(3, 2));
    }
}
