using System.Globalization;
using CrowdPortal.Core.Counting;

namespace CrowdPortal.Core.Tests.Counting;

public class CountSamplerTests
{
    public static TheoryData<string, double, (double Ts, int Current, int Entries, int Exits)[], string> Rows => new()
    {
        { "empty input", 1, [], "" },
        { "single frame", 1, [(0, 2, 0, 0)], "0:2/2/+0/-0" },
        { "partial interval: current is the last frame, peak the max", 1, [(0, 1, 0, 0), (0.1, 3, 0, 0), (0.2, 2, 0, 0)], "0:2/3/+0/-0" },
        {
            "entries and exits are summed per interval", 1,
            [(0, 0, 0, 0), (0.5, 1, 1, 0), (1.0, 1, 0, 0), (1.5, 0, 0, 1)],
            "0:1/1/+1/-0 1:0/1/+0/-1"
        },
        { "10 fps for 2.5 s", 1, [.. Enumerable.Range(0, 25).Select(i => (i / 10.0, i, 0, 0))], "0:9/9/+0/-0 1:19/19/+0/-0 2:24/24/+0/-0" },
        { "a gap is filled with the last occupancy", 1, [(0.5, 3, 1, 0), (3.2, 1, 0, 0)], "0:3/3/+1/-0 1:3/3/+0/-0 2:3/3/+0/-0 3:1/1/+0/-0" },
        { "a gap over 60 intervals is left empty", 1, [(0.5, 3, 0, 0), (100.0, 1, 0, 0)], "0:3/3/+0/-0 100:1/1/+0/-0" },
        { "2 s interval", 2, [(0, 1, 0, 0), (1.9, 4, 0, 0), (2.0, 2, 0, 0), (3.9, 0, 0, 0)], "0:4/4/+0/-0 2:0/2/+0/-0" },
        { "0.1 s interval at 10 fps: one sample per frame", 0.1, [.. Enumerable.Range(0, 5).Select(i => (i / 10.0, i, 0, 0))], "0:0/0/+0/-0 0.1:1/1/+0/-0 0.2:2/2/+0/-0 0.3:3/3/+0/-0 0.4:4/4/+0/-0" },
        { "interval starts at a multiple, not at the first frame", 1, [(5.7, 1, 0, 0), (6.1, 2, 0, 0)], "5:1/1/+0/-0 6:2/2/+0/-0" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Add_ThenFlush_EmitsOneSamplePerInterval(string label, double interval, (double Ts, int Current, int Entries, int Exits)[] frames, string expected)
    {
        var sampler = new CountSampler("z", null, interval);
        var samples = new List<CountSample>();
        foreach ((double ts, int current, int entries, int exits) in frames)
        {
            sampler.Add(ts, new ZoneFrameCount(current, entries, exits), samples);
        }

        sampler.Flush(samples);
        sampler.Flush(samples); // a second flush adds nothing
        string actual = string.Join(" ", samples.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Ts}:{s.Current}/{s.Peak}/+{s.Entries}/-{s.Exits}")));
        Assert.True(expected == actual, $"{label}: got '{actual}'");
        Assert.All(samples, s => Assert.Equal("z", s.ZoneId));
    }

    [Fact]
    public void Add_EmitsAnIntervalAsSoonAsTheNextOneStarts()
    {
        var sampler = new CountSampler("z");
        var samples = new List<CountSample>();
        sampler.Add(0.9, new ZoneFrameCount(1, 0, 0), samples);
        Assert.Empty(samples);
        sampler.Add(1.0, new ZoneFrameCount(2, 0, 0), samples);
        Assert.Single(samples);
    }

    public static TheoryData<string, double?, int, double?> DensityRows => new()
    {
        { "no area: no density", null, 3, null },
        { "empty zone", 4.0, 0, 0.0 },
        { "2 people in 4 m²", 4.0, 2, 0.5 },
    };

    [Theory]
    [MemberData(nameof(DensityRows))]
    public void Density_IsCurrentOverArea(string label, double? area, int current, double? expected)
    {
        var sampler = new CountSampler("z", area);
        var samples = new List<CountSample>();
        sampler.Add(0, new ZoneFrameCount(current, 0, 0), samples);
        sampler.Flush(samples);
        Assert.True(expected == samples[0].Density, label);
    }

    [Fact]
    public void Add_RejectsTimeGoingBackwards()
    {
        var sampler = new CountSampler("z");
        sampler.Add(2, default, []);
        Assert.Throws<ArgumentOutOfRangeException>(() => sampler.Add(1, default, []));
    }
}
