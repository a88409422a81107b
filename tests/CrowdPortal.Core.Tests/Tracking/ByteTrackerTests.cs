using CrowdPortal.Core.Tracking;

namespace CrowdPortal.Core.Tests.Tracking;

public class ByteTrackerTests
{
    public static TheoryData<string, int, SyntheticPerson[], string> Scenarios => new()
    {
        { "empty input", 10, [], "" },
        { "one person walking", 30, [SyntheticPerson.Walk("A", 0, 30, 100, 100, vx: 6)], "A:1" },
        { "one person standing", 30, [SyntheticPerson.Walk("A", 0, 30, 100, 100)], "A:1" },
        {
            "two people crossing paths horizontally", 45,
            [SyntheticPerson.Walk("A", 0, 45, 50, 100, vx: 8), SyntheticPerson.Walk("B", 0, 45, 400, 108, vx: -8)],
            "A:1 B:2"
        },
        {
            "two people crossing diagonally", 45,
            [SyntheticPerson.Walk("A", 0, 45, 50, 50, vx: 7, vy: 3), SyntheticPerson.Walk("B", 0, 45, 380, 60, vx: -7, vy: 3)],
            "A:1 B:2"
        },
        { "one missed frame", 30, [SyntheticPerson.Walk("A", 0, 30, 100, 100, vx: 5, missing: [10])], "A:1" },
        { "short occlusion, 3 missed frames", 30, [SyntheticPerson.Walk("A", 0, 30, 100, 100, vx: 5, missing: [10, 11, 12])], "A:1" },
        {
            "a new person gets a new id", 30,
            [SyntheticPerson.Walk("A", 0, 30, 100, 100, vx: 3), SyntheticPerson.Walk("B", 15, 30, 500, 300, vx: -3)],
            "A:1 B:2"
        },
        { "jittery box (±5 px per edge)", 40, [SyntheticPerson.Walk("A", 0, 40, 100, 100, vx: 4, jitter: 5)], "A:1" },
        {
            "single-frame false positive never gets an id", 20,
            [SyntheticPerson.Walk("A", 0, 20, 100, 100, vx: 3), SyntheticPerson.Walk("F", 5, 5, 600, 400)],
            "A:1"
        },
        {
            "low-score boxes carry a track (second stage)", 30,
            [SyntheticPerson.Walk("A", 0, 30, 100, 100, vx: 5, score: f => f is >= 10 and <= 14 ? 0.2f : 0.8f)],
            "A:1"
        },
        {
            "a low-score box alone never starts a track", 20,
            [SyntheticPerson.Walk("A", 0, 20, 100, 100, score: _ => 0.2f)],
            ""
        },
        {
            "someone at the same spot after the lost buffer is a new person", 80,
            [SyntheticPerson.Walk("A", 0, 10, 100, 100), SyntheticPerson.Walk("B", 60, 80, 100, 100)],
            "A:1 B:2"
        },
        {
            "back at the same spot within the buffer keeps the id", 40,
            [SyntheticPerson.Walk("A", 0, 40, 100, 100, missing: [.. Enumerable.Range(11, 9)])],
            "A:1"
        },
        {
            "six people walking side by side", 40,
            [.. Enumerable.Range(0, 6).Select(i => SyntheticPerson.Walk(((char)('A' + i)).ToString(), 0, 40, 50 + (i * 60), 100, vy: 4, jitter: 2, seed: i))],
            "A:1 B:2 C:3 D:4 E:5 F:6"
        },
    };

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Update_KeepsOneStableIdPerPerson(string label, int frames, SyntheticPerson[] people, string expected)
    {
        Dictionary<string, SortedSet<int>> ids = Run(new ByteTracker(), frames, people);

        string actual = string.Join(" ", people.Where(p => ids.ContainsKey(p.Name)).Select(p => p.Name + ":" + string.Join(",", ids[p.Name])));
        Assert.True(expected == actual, $"{label}: expected '{expected}', got '{actual}'");
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Update_WithKalmanAndReupdate_KeepsOneStableIdPerPerson(string label, int frames, SyntheticPerson[] people, string expected)
    {
        var options = new TrackerOptions { Motion = MotionModel.Kalman, ReupdateAfterOcclusion = true };
        Dictionary<string, SortedSet<int>> ids = Run(new ByteTracker(options), frames, people);

        string actual = string.Join(" ", people.Where(p => ids.ContainsKey(p.Name)).Select(p => p.Name + ":" + string.Join(",", ids[p.Name])));
        Assert.True(expected == actual, $"{label}: expected '{expected}', got '{actual}'");
    }

    [Fact]
    public void Update_ReportsTrackDuringLowScoreFrames()
    {
        var tracker = new ByteTracker();
        SyntheticPerson person = SyntheticPerson.Walk("A", 0, 20, 100, 100, vx: 5, score: f => f is >= 10 and <= 14 ? 0.2f : 0.8f);
        var output = new List<TrackedPerson>();
        for (int f = 0; f <= 20; f++)
        {
            tracker.Update(Frame(f, person), output);
            if (f >= tracker.Options.MinimumHits - 1)
            {
                Assert.True(output.Count == 1 && output[0].TrackId == 1, $"frame {f}: expected track 1, got {output.Count} tracks");
            }
        }
    }

    /// <summary>
    /// A person seen all along keeps their box when someone beside them is hidden: B (missed last frame, predicted
    /// blind) overlaps A's new box more than A's own prediction does, yet A, seen last frame, matches first (the
    /// cascade); matching all tracks at once would hand A's box to B.
    /// </summary>
    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 2)]
    public void Update_SeenTracksFirst_KeepsTheSeenPersonsBoxFromALostTrack(bool seenTracksFirst, int expectedId)
    {
        var tracker = new ByteTracker(new TrackerOptions { MinimumHits = 1, SeenTracksFirst = seenTracksFirst });
        var a = new Detection(100, 100, 140, 200, 0.9f, 0);
        var b = new Detection(130, 100, 170, 200, 0.9f, 0);
        var aMoved = new Detection(118, 100, 158, 200, 0.9f, 0); // IoU 0.38 with A's last box, 0.54 with B's

        Assert.Equal([1, 2], tracker.Update([a, b]).Select(t => t.TrackId));
        Assert.Equal(1, Assert.Single(tracker.Update([a])).TrackId);
        Assert.Equal(expectedId, Assert.Single(tracker.Update([aMoved])).TrackId);
    }

    /// <summary>
    /// A walker who stops while hidden (frames 10-17) is found again where they stopped, 48 px behind the blind
    /// prediction of a 40 px wide box (plain IoU 0): the lost-box buffer, grown with the frames lost, still finds them;
    /// without it they come back as a new person.
    /// </summary>
    [Theory]
    [InlineData(0.2f, "1")]
    [InlineData(0f, "1,2")]
    public void Update_LostBoxBuffer_FindsAPersonWhoStoppedWhileHidden(float bufferPerFrame, string expectedIds)
    {
        var tracker = new ByteTracker(new TrackerOptions { LostBoxBufferPerFrame = bufferPerFrame });
        var ids = new SortedSet<int>();
        for (int f = 0; f < 30; f++)
        {
            if (f is >= 10 and <= 17)
            {
                tracker.Update([]);
                continue;
            }

            float x = 100 + (6 * Math.Min(f, 10));
            foreach (TrackedPerson tracked in tracker.Update([new Detection(x, 100, x + 40, 200, 0.9f, 0)]))
            {
                ids.Add(tracked.TrackId);
            }
        }

        Assert.Equal(expectedIds, string.Join(",", ids));
    }

    [Fact]
    public void Update_ReportsNothingUntilConfirmed_ThenTheMatchedDetection()
    {
        var tracker = new ByteTracker(new TrackerOptions { MinimumHits = 3 });
        var box1 = new Detection(10, 10, 50, 110, 0.9f, 0);
        var box2 = new Detection(12, 10, 52, 110, 0.9f, 0);
        var box3 = new Detection(14, 10, 54, 110, 0.9f, 0);

        Assert.Empty(tracker.Update([box1]));
        Assert.Empty(tracker.Update([box2]));
        TrackedPerson confirmed = Assert.Single(tracker.Update([box3]));
        Assert.Equal(new TrackedPerson(1, box3), confirmed);
    }

    [Fact]
    public void Update_WithMinimumHitsOne_ConfirmsOnFirstFrame()
    {
        var tracker = new ByteTracker(new TrackerOptions { MinimumHits = 1 });
        Assert.Equal(1, Assert.Single(tracker.Update([new Detection(10, 10, 50, 110, 0.9f, 0)])).TrackId);
    }

    [Fact]
    public void Update_EmptyInput_ClearsCallersList()
    {
        var output = new List<TrackedPerson> { new(99, default) };
        new ByteTracker().Update([], output);
        Assert.Empty(output);
    }

    [Fact]
    public void Reset_ForgetsTracksButNeverReusesIds()
    {
        var tracker = new ByteTracker(new TrackerOptions { MinimumHits = 1 });
        var box = new Detection(10, 10, 50, 110, 0.9f, 0);
        Assert.Equal(1, Assert.Single(tracker.Update([box])).TrackId);
        tracker.Reset();
        Assert.Equal(2, Assert.Single(tracker.Update([box])).TrackId);
    }

    [Fact]
    public void Update_DoesNotAllocateInSteadyState()
    {
        var tracker = new ByteTracker();
        SyntheticPerson[] people = [.. Enumerable.Range(0, 8).Select(i => SyntheticPerson.Walk("P" + i, 0, 400, 20 + (i * 70), 50, vy: 1, jitter: 2, seed: i))];
        var frames = Enumerable.Range(0, 400).Select(f => Frame(f, people)).ToArray();
        var output = new List<TrackedPerson>();
        for (int f = 0; f < 100; f++)
        {
            tracker.Update(frames[f], output);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int f = 100; f < 400; f++)
        {
            tracker.Update(frames[f], output);
        }

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(8, output.Count);
        Assert.Equal(0, allocated);
    }

    internal static Dictionary<string, SortedSet<int>> Run(ByteTracker tracker, int frames, SyntheticPerson[] people)
    {
        var ids = new Dictionary<string, SortedSet<int>>();
        var output = new List<TrackedPerson>();
        for (int f = 0; f <= frames; f++)
        {
            List<Detection> detections = Frame(f, people);
            tracker.Update(detections, output);
            foreach (TrackedPerson tracked in output)
            {
                SyntheticPerson owner = people.Single(p => p.BoxAt(f) == tracked.Detection);
                if (!ids.TryGetValue(owner.Name, out SortedSet<int>? set))
                {
                    ids[owner.Name] = set = [];
                }

                set.Add(tracked.TrackId);
            }
        }

        return ids;
    }

    internal static List<Detection> Frame(int frame, params SyntheticPerson[] people)
    {
        var detections = new List<Detection>();
        foreach (SyntheticPerson person in people)
        {
            if (person.BoxAt(frame) is Detection box)
            {
                detections.Add(box);
            }
        }

        return detections;
    }
}
