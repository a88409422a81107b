using System.Globalization;
using CrowdPortal.Core.Alerts;

namespace CrowdPortal.Core.Tests.Alerts;

public class AlertTrackerTests
{
    // Thresholds warning 2, critical 4; hysteresis 25 % (leave warning below 1.5, critical below 3).
    private static readonly AlertThresholds Thresholds = new(2, 4);

    private static (double, double)[] Steps(params (double From, double To, double Value)[] runs)
    {
        var steps = new List<(double, double)>();
        foreach ((double from, double to, double value) in runs)
        {
            for (double t = from; t <= to; t++)
            {
                steps.Add((t, value));
            }
        }

        return [.. steps];
    }

    public static TheoryData<string, double, (double Ts, double Value)[], string[]> Rows => new()
    {
        { "empty input", 3, [], [] },
        { "spike shorter than the duration", 3, Steps((0, 2, 3), (3, 5, 0)), [] },
        { "warning held for 3 s", 3, Steps((0, 4, 2.5)), ["Started Warning peak=Warning/2.5 from 0 to - at 3"] },
        { "straight to critical", 3, Steps((0, 3, 5)), ["Started Critical peak=Critical/5 from 0 to - at 3"] },
        {
            "warning, then critical", 3, Steps((0, 3, 2.5), (4, 7, 5)),
            ["Started Warning peak=Warning/2.5 from 0 to - at 3", "LevelChanged Critical peak=Critical/5 from 0 to - at 7"]
        },
        { "hovering just under the threshold stays (hysteresis)", 3, Steps((0, 3, 2.5), (4, 10, 1.8)), ["Started Warning peak=Warning/2.5 from 0 to - at 3"] },
        {
            "ends after the fall held for 3 s", 3, Steps((0, 3, 2.5), (4, 7, 1.0)),
            ["Started Warning peak=Warning/2.5 from 0 to - at 3", "Ended Normal peak=Warning/2.5 from 0 to 4 at 7"]
        },
        {
            "critical falls back to warning", 3, Steps((0, 3, 5), (4, 7, 2.5)),
            ["Started Critical peak=Critical/5 from 0 to - at 3", "LevelChanged Warning peak=Critical/5 from 0 to - at 7"]
        },
        {
            "critical falls straight to normal", 3, Steps((0, 3, 5), (4, 7, 0)),
            ["Started Critical peak=Critical/5 from 0 to - at 3", "Ended Normal peak=Critical/5 from 0 to 4 at 7"]
        },
        { "a dip restarts the rising timer", 3, Steps((0, 1, 2.5), (2, 2, 0), (3, 6, 2.5)), ["Started Warning peak=Warning/2.5 from 3 to - at 6"] },
        {
            "zero duration reacts at once", 0, Steps((0, 0, 2.5), (1, 1, 0)),
            ["Started Warning peak=Warning/2.5 from 0 to - at 0", "Ended Normal peak=Warning/2.5 from 0 to 1 at 1"]
        },
        {
            "frame timestamps at 10 fps (float error)", 3, [.. Enumerable.Range(0, 40).Select(i => (i / 10.0, i >= 3 ? 2.5 : 0))],
            ["Started Warning peak=Warning/2.5 from 0.3 to - at 3.3"]
        },
        {
            "peak is the highest value since the alert began", 3, [(0, 2.2), (1, 3.9), (2, 2.1), (3, 2.0), (4, 3.5), (5, 0), (6, 0), (7, 0), (8, 0)],
            ["Started Warning peak=Warning/3.9 from 0 to - at 3", "Ended Normal peak=Warning/3.9 from 0 to 5 at 8"]
        },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Update_DebouncesLevels(string label, double duration, (double Ts, double Value)[] steps, string[] expected)
    {
        var tracker = new AlertTracker("z", Thresholds, new AlertOptions { MinimumDurationSeconds = duration, Hysteresis = 0.25 });
        var events = new List<AlertEvent>();
        foreach ((double ts, double value) in steps)
        {
            tracker.Update(ts, value, events);
        }

        string[] actual = [.. events.Select(Format)];
        Assert.True(expected.SequenceEqual(actual), $"{label}: got [{string.Join(", ", actual)}]");
        Assert.All(events, e => Assert.Equal("z", e.ZoneId));
    }

    [Fact]
    public void Flush_EndsAnOpenAlertAtTheGivenTime()
    {
        var tracker = new AlertTracker("z", Thresholds, new AlertOptions { MinimumDurationSeconds = 0 });
        var events = new List<AlertEvent>();
        tracker.Update(1, 5, events);
        tracker.Flush(9.5, events);
        Assert.Equal("Ended Normal peak=Critical/5 from 1 to 9.5 at 9.5", Format(events[^1]));
        Assert.Equal(AlertLevel.Normal, tracker.Level);

        tracker.Flush(10, events);
        Assert.Equal(2, events.Count);
    }

    [Fact]
    public void Flush_WithoutAlert_EmitsNothing()
    {
        var events = new List<AlertEvent>();
        new AlertTracker("z", Thresholds).Flush(5, events);
        Assert.Empty(events);
    }

    private static string Format(AlertEvent e) => string.Create(
        CultureInfo.InvariantCulture,
        $"{e.Kind} {e.Level} peak={e.PeakLevel}/{e.PeakValue} from {e.StartSeconds} to {(e.EndSeconds is double end ? end.ToString(CultureInfo.InvariantCulture) : "-")} at {e.TimestampSeconds}");
}
