using CrowdPortal.Core.Counting;
using CrowdPortal.Core.Geometry;
using CrowdPortal.Core.Tracking;
using CrowdPortal.Core.Zones;

namespace CrowdPortal.Core.Tests.Counting;

public class LineZoneCounterTests
{
    private static readonly FrameSize Frame = new(100, 100);

    // Line at y = 50 from x = 10 to x = 90. Feet: 'a' above (50, 40), 'b' below (50, 60), 'x' beyond the right end
    // above the line (95, 40), 'y' beyond the end below (95, 60), '-' not seen.
    private static ZoneDefinition Line(int inertia, bool reversed) => new()
    {
        ZoneId = "door",
        Label = "Door",
        Kind = ZoneKind.Line,
        Points = reversed ? [new(0.9f, 0.5f), new(0.1f, 0.5f)] : [new(0.1f, 0.5f), new(0.9f, 0.5f)],
        InertiaFrames = inertia,
    };

    private static Detection Feet(float x, float y) => new(x - 5, y - 30, x + 5, y, 0.9f, 0);

    public static TheoryData<string, string, int, bool, int, int> Rows => new()
    {
        { "empty input", "", 3, false, 0, 0 },
        { "walks down across: in", "aaaabbbb", 3, false, 1, 0 },
        { "walks up across: out", "bbbbaaaa", 3, false, 0, 1 },
        { "line drawn the other way swaps in and out", "aaaabbbb", 3, true, 0, 1 },
        { "two frames across is jitter", "aaaabbaaaa", 3, false, 0, 0 },
        { "never crosses", "bbbbbb", 3, false, 0, 0 },
        { "down and back up", "aaaabbbbaaaa", 3, false, 1, 1 },
        { "too short on the first side to have a side", "aabbbb", 3, false, 0, 0 },
        { "missing frames do not break the streak", "aaaab-bb", 3, false, 1, 0 },
        { "walking around the end of the line", "aaaxxxyyybbbb", 3, false, 0, 0 },
        { "one step beyond the end does not forget the side", "aaaaxbbb", 3, false, 1, 0 },
        { "inertia 1 counts every change", "abab", 1, false, 2, 1 },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Update_CountsConfirmedCrossings(string label, string observations, int inertia, bool reversed, int ins, int outs)
    {
        var counter = new LineZoneCounter(Line(inertia, reversed), Frame);
        int frameIns = 0;
        int frameOuts = 0;
        for (int f = 0; f < observations.Length; f++)
        {
            TrackedPerson[] people = observations[f] switch
            {
                'a' => [new TrackedPerson(1, Feet(50, 40))],
                'b' => [new TrackedPerson(1, Feet(50, 60))],
                'x' => [new TrackedPerson(1, Feet(95, 40))],
                'y' => [new TrackedPerson(1, Feet(95, 60))],
                _ => [],
            };
            ZoneFrameCount count = counter.Update(people, f / 10.0);
            Assert.Equal(0, count.Current);
            frameIns += count.Entries;
            frameOuts += count.Exits;
        }

        Assert.True(ins == counter.TotalEntries && outs == counter.TotalExits, $"{label}: in {counter.TotalEntries}, out {counter.TotalExits}");
        Assert.Equal(counter.TotalEntries, frameIns);
        Assert.Equal(counter.TotalExits, frameOuts);
    }

    [Fact]
    public void Update_CountsEachTrackSeparately()
    {
        var counter = new LineZoneCounter(Line(2, false), Frame);
        for (int f = 0; f < 6; f++)
        {
            bool after = f >= 3;
            counter.Update(
                [new TrackedPerson(1, Feet(30, after ? 60 : 40)), new TrackedPerson(2, Feet(70, after ? 40 : 60)), new TrackedPerson(3, Feet(50, 40))],
                f / 10.0);
        }

        Assert.Equal(1, counter.TotalEntries);
        Assert.Equal(1, counter.TotalExits);
    }
}
