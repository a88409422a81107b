using CrowdPortal.Core.Alerts;
using CrowdPortal.Core.Analysis;
using CrowdPortal.Core.Counting;
using CrowdPortal.Core.Geometry;
using CrowdPortal.Core.Zones;

namespace CrowdPortal.Core.Tests.Analysis;

public class CrowdCounterTests
{
    private static readonly FrameSize Frame = new(200, 100);

    // Right half: a 2 m² polygon with density thresholds; a vertical line at x = 100 drawn upwards (walking right = in);
    // a mask over a static false positive in the bottom-left corner.
    private static readonly ZoneSet Zones = ZoneSet.Create(
    [
        new ZoneDefinition
        {
            ZoneId = "right", Label = "Right half", AreaM2 = 2, Warning = 0.5, Critical = 1.0,
            Points = [new(0.5f, 0), new(1, 0), new(1, 1), new(0.5f, 1)],
        },
        new ZoneDefinition { ZoneId = "mid", Label = "Middle line", Kind = ZoneKind.Line, Points = [new(0.5f, 1), new(0.5f, 0)] },
        new ZoneDefinition { ZoneId = "sign", Label = "Sign", Kind = ZoneKind.Mask, Points = [new(0, 0.5f), new(0.2f, 0.5f), new(0.2f, 1), new(0, 1)] },
    ]);

    private static readonly Detection StaticFalsePositive = new(10, 60, 20, 90, 0.9f, 0);

    private static Detection Walker(int frame) => new(55 + (3 * frame), 50, 65 + (3 * frame), 90, 0.9f, 0);

    private static CrowdCounterOptions Options => new() { Alerts = new AlertOptions { MinimumDurationSeconds = 0 } };

    [Fact]
    public void ProcessFrame_RunsTheWholeChain()
    {
        var counter = new CrowdCounter(Zones, Frame, Options);
        var result = new CrowdFrameResult();
        var samples = new List<CountSample>();
        var alerts = new List<AlertEvent>();
        for (int f = 0; f <= 40; f++)
        {
            counter.ProcessFrame([Walker(f), StaticFalsePositive], f / 10.0, result);
            Assert.Equal(1, result.People);
            Assert.Equal(Walker(f), Assert.Single(result.Detections));
            Assert.Equal(f / 10.0, result.TimestampSeconds);
            if (f >= Options.Tracker.MinimumHits - 1)
            {
                Assert.Equal(1, Assert.Single(result.Tracks).TrackId);
            }

            samples.AddRange(result.CompletedSamples);
            alerts.AddRange(result.AlertEvents);
        }

        Assert.Equal(["right", "mid"], result.Zones.Select(z => z.ZoneId).ToArray());
        ZoneStatus right = result.Zones[0];
        Assert.Equal(new ZoneStatus("right", ZoneKind.Polygon, 1, 1, 0, 0.5, AlertLevel.Warning, right.Dwell), right);
        Assert.Equal(1, right.Dwell.People);
        Assert.Equal(2.6, right.Dwell.MaxSeconds, 6); // feet inside from frame 14 (x = 101) to frame 40
        Assert.Equal(new ZoneStatus("mid", ZoneKind.Line, 0, 1, 0, null, AlertLevel.Normal, DwellStats.None), result.Zones[1]);

        counter.Flush(result);
        samples.AddRange(result.CompletedSamples);
        alerts.AddRange(result.AlertEvents);

        Assert.Equal(
            ["0:1/1/+0/-0", "1:1/1/+0/-0", "2:1/1/+0/-0", "3:1/1/+0/-0", "4:1/1/+0/-0"],
            Series(samples, CountSample.FrameZoneId));
        Assert.Equal(["0:0/0/+0/-0", "1:1/1/+1/-0", "2:1/1/+0/-0", "3:1/1/+0/-0", "4:1/1/+0/-0"], Series(samples, "right"));
        Assert.Equal(["0:0/0/+0/-0", "1:0/0/+1/-0", "2:0/0/+0/-0", "3:0/0/+0/-0", "4:0/0/+0/-0"], Series(samples, "mid"));
        Assert.All(samples.Where(s => s.ZoneId == "right" && s.Ts >= 1), s => Assert.Equal(0.5, s.Density));
        Assert.DoesNotContain(samples, s => s.ZoneId == "sign");

        Assert.Equal(2, alerts.Count);
        Assert.Equal((AlertEventKind.Started, AlertLevel.Warning, 1.6), (alerts[0].Kind, alerts[0].Level, alerts[0].StartSeconds));
        Assert.Equal((AlertEventKind.Ended, AlertLevel.Warning, 1.6, (double?)4.0), (alerts[1].Kind, alerts[1].PeakLevel, alerts[1].StartSeconds, alerts[1].EndSeconds));

        Assert.Equal(41, counter.Heatmap.FrameCount);
        float[] heat = counter.Heatmap.ToNormalised();
        Assert.Equal(0, heat[(11 * counter.Heatmap.GridWidth) + 1]); // the masked sign adds no heat
    }

    public static TheoryData<string, Detection[], float, int> PeopleRows => new()
    {
        { "empty input", [], 0, 0 },
        { "one person", [Walker(0)], 0, 1 },
        { "a masked detection is not a person", [StaticFalsePositive], 0, 0 },
        { "two people and a masked one", [Walker(0), Walker(30), StaticFalsePositive], 0, 2 },
        { "below the people confidence", [Walker(0) with { Confidence = 0.2f }, Walker(30)], 0.3f, 1 },
    };

    [Theory]
    [MemberData(nameof(PeopleRows))]
    public void People_IsPersonsInFrameAfterMasks(string label, Detection[] detections, float minConfidence, int expected)
    {
        var counter = new CrowdCounter(Zones, Frame, Options with { PeopleMinConfidence = minConfidence });
        var result = new CrowdFrameResult();
        counter.ProcessFrame(detections, 0, result);
        Assert.True(expected == result.People, $"{label}: {result.People}");
    }

    [Fact]
    public void NoZones_StillGivesTheFrameSeries()
    {
        var counter = new CrowdCounter(ZoneSet.Empty, Frame);
        var result = new CrowdFrameResult();
        counter.ProcessFrame([], 0, result);
        Assert.Empty(result.Zones);
        counter.Flush(result);
        Assert.Equal(new CountSample(CountSample.FrameZoneId, 0, 0, 0, 0, 0, null), Assert.Single(result.CompletedSamples));
    }

    [Fact]
    public void ProcessFrame_DoesNotAllocateInSteadyState()
    {
        var counter = new CrowdCounter(Zones, Frame, Options);
        var result = new CrowdFrameResult();
        var detections = new List<Detection>();
        for (int i = 0; i < 8; i++)
        {
            detections.Add(new Detection(45 + (i * 19), 40, 55 + (i * 19), 90, 0.9f, 0)); // clear of the mask
        }

        for (int f = 0; f < 50; f++)
        {
            counter.ProcessFrame(detections, f / 10.0, result);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int f = 50; f < 350; f++)
        {
            counter.ProcessFrame(detections, f / 10.0, result);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(8, result.Tracks.Count);
    }

    private static string[] Series(List<CountSample> samples, string zoneId) =>
        [.. samples.Where(s => s.ZoneId == zoneId).Select(s => $"{s.Ts}:{s.Current}/{s.Peak}/+{s.Entries}/-{s.Exits}")];
}
