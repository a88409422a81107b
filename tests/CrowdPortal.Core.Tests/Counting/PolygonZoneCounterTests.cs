using CrowdPortal.Core.Counting;
using CrowdPortal.Core.Geometry;
using CrowdPortal.Core.Tracking;
using CrowdPortal.Core.Zones;

namespace CrowdPortal.Core.Tests.Counting;

public class PolygonZoneCounterTests
{
    private static readonly FrameSize Frame = new(100, 100);

    // Zone 25..75 px on both axes; 'i' puts the feet at (50, 50), 'o' at (50, 90), '-' means the track is not seen.
    private static ZoneDefinition Zone(int inertia = 3, AnchorPoint anchor = AnchorPoint.BottomCenter) => new()
    {
        ZoneId = "z",
        Label = "Z",
        Points = [new(0.25f, 0.25f), new(0.75f, 0.25f), new(0.75f, 0.75f), new(0.25f, 0.75f)],
        InertiaFrames = inertia,
        Anchor = anchor,
    };

    private static readonly Detection InsideBox = new(40, 0, 60, 50, 0.9f, 0);
    private static readonly Detection OutsideBox = new(40, 40, 60, 90, 0.9f, 0);

    public static TheoryData<string, string, int, int, string, int, int> Rows => new()
    {
        { "empty input", "", 3, 10, "", 0, 0 },
        { "never inside", "ooooo", 3, 10, "00000", 0, 0 },
        { "walks in and stays", "ooiiiii", 3, 10, "0000111", 1, 0 },
        { "first seen inside counts as an entry", "iii", 3, 10, "001", 1, 0 },
        { "two frames inside is jitter, not an entry", "oiioo", 3, 10, "00000", 0, 0 },
        { "enters then leaves", "iiiiooooo", 3, 10, "001111000", 1, 1 },
        { "one jittery frame outside does not flap", "iiiioiiii", 3, 10, "001111111", 1, 0 },
        { "vanishes while inside: leaves once missing longer than the grace", "iiii---", 3, 2, "0011110", 1, 1 },
        { "occluded for two frames stays inside", "iiii--ii", 3, 10, "00111111", 1, 0 },
        { "missed by the detector for 5 frames stays inside", "iiii-----ii", 3, 10, "00111111111", 1, 0 },
        { "missing frames neither extend nor break an entering streak", "oi-ii", 3, 10, "00001", 1, 0 },
        { "lost outside: forgotten without an exit", "oo---", 3, 1, "00000", 0, 0 },
        { "re-entry counts again", "iiioooiii", 3, 10, "001110001", 2, 1 },
        { "inertia 1 flips at once", "oioi", 1, 10, "0101", 2, 1 },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Update_AppliesInertia(string label, string observations, int inertia, int grace, string expectedCurrents, int entries, int exits)
    {
        var counter = new PolygonZoneCounter(Zone(inertia), Frame, grace);
        var currents = new System.Text.StringBuilder();
        int frameEntries = 0;
        int frameExits = 0;
        for (int f = 0; f < observations.Length; f++)
        {
            TrackedPerson[] people = observations[f] switch
            {
                'i' => [new TrackedPerson(1, InsideBox)],
                'o' => [new TrackedPerson(1, OutsideBox)],
                _ => [],
            };
            ZoneFrameCount count = counter.Update(people, f / 10.0);
            currents.Append(count.Current);
            frameEntries += count.Entries;
            frameExits += count.Exits;
        }

        Assert.True(expectedCurrents == currents.ToString(), $"{label}: currents {currents}");
        Assert.True(entries == counter.TotalEntries && exits == counter.TotalExits, $"{label}: entries {counter.TotalEntries}, exits {counter.TotalExits}");
        Assert.Equal(counter.TotalEntries, frameEntries);
        Assert.Equal(counter.TotalExits, frameExits);
    }

    public static TheoryData<string, AnchorPoint, int> AnchorRows => new()
    {
        { "feet outside the zone", AnchorPoint.BottomCenter, 0 },
        { "centre inside", AnchorPoint.Center, 1 },
        { "head inside", AnchorPoint.TopCenter, 1 },
    };

    [Theory]
    [MemberData(nameof(AnchorRows))]
    public void Update_UsesTheZonesAnchor(string label, AnchorPoint anchor, int expected)
    {
        var counter = new PolygonZoneCounter(Zone(1, anchor), Frame);
        ZoneFrameCount count = counter.Update([new TrackedPerson(1, new Detection(40, 30, 60, 90, 0.9f, 0))], 0);
        Assert.True(expected == count.Current, label);
    }

    [Fact]
    public void Update_CountsSeveralPeopleAndKeepsEntriesMinusExitsEqualToCurrent()
    {
        var counter = new PolygonZoneCounter(Zone(2), Frame);
        var random = new Random(7);
        for (int f = 0; f < 500; f++)
        {
            var people = new List<TrackedPerson>();
            for (int id = 1; id <= 6; id++)
            {
                int roll = random.Next(10);
                if (roll < 4)
                {
                    people.Add(new TrackedPerson(id, InsideBox));
                }
                else if (roll < 8)
                {
                    people.Add(new TrackedPerson(id, OutsideBox));
                }
            }

            ZoneFrameCount count = counter.Update(people, f / 10.0);
            Assert.Equal(counter.TotalEntries - counter.TotalExits, count.Current);
        }

        Assert.True(counter.TotalEntries > 10, "the random walk should enter many times");
    }

    [Fact]
    public void Dwell_IsTimeSinceFirstInsideFrameOfThePeoplePresent()
    {
        var counter = new PolygonZoneCounter(Zone(3), Frame, missingFramesBeforeExit: 2);
        Assert.Equal(DwellStats.None, counter.Dwell);
        for (int f = 0; f <= 20; f++)
        {
            var people = new List<TrackedPerson> { new(1, InsideBox) };
            people.Add(new TrackedPerson(2, f >= 10 ? InsideBox : OutsideBox));
            counter.Update(people, f / 10.0);
        }

        // Person 1 inside since t=0.0, person 2 since t=1.0; now t=2.0.
        Assert.Equal(2, counter.Dwell.People);
        Assert.Equal(2.0, counter.Dwell.MaxSeconds, 6);
        Assert.Equal(1.5, counter.Dwell.MeanSeconds, 6);
        Assert.True(counter.IsInside(1) && counter.IsInside(2));

        counter.Update([], 2.1);
        counter.Update([], 2.2);
        counter.Update([], 2.3);
        Assert.Equal(DwellStats.None, counter.Dwell);
        Assert.False(counter.IsInside(1));
    }

    [Fact]
    public void Update_DoesNotAllocateInSteadyState()
    {
        var counter = new PolygonZoneCounter(Zone(3), Frame);
        var people = new List<TrackedPerson> { new(1, InsideBox), new(2, OutsideBox), new(3, InsideBox) };
        for (int f = 0; f < 10; f++)
        {
            counter.Update(people, f);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int f = 10; f < 1000; f++)
        {
            counter.Update(people, f);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Constructor_RejectsNonPolygonZone()
    {
        Assert.Throws<ArgumentException>(() => new PolygonZoneCounter(Zone() with { Kind = ZoneKind.Line }, Frame));
    }
}
