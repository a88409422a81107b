using CrowdPortal.Core.Tracking;

namespace CrowdPortal.Core.Tests.Tracking;

public class IouMatcherTests
{
    private static Detection Box(float x1, float x2) => new(x1, 0, x2, 100, 0.9f, 0);

    public static TheoryData<string, Detection[], Detection[], float, int[]> Rows => new()
    {
        { "empty input", [], [], 0.2f, [] },
        { "no detections", [Box(0, 100)], [], 0.2f, [-1] },
        { "same order", [Box(0, 100), Box(200, 300)], [Box(5, 105), Box(195, 295)], 0.2f, [0, 1] },
        { "detections in the other order", [Box(0, 100), Box(200, 300)], [Box(195, 295), Box(5, 105)], 0.2f, [1, 0] },
        { "below the threshold stays unmatched", [Box(0, 100)], [Box(90, 190)], 0.2f, [-1] },
        // Greedy would take the best single pair (track 0 - detection 0, IoU 0.82) and leave track 1 unmatched;
        // the summed IoU is higher with both matched (0.54 + 0.33).
        { "maximises the summed IoU, not the best pair", [Box(0, 100), Box(60, 160)], [Box(10, 110), Box(-30, 70)], 0.2f, [1, 0] },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Match_AssignsTracksToDetections(string label, Detection[] trackBoxes, Detection[] detections, float minIou, int[] expected)
    {
        var tracks = new List<Track>();
        foreach (Detection box in trackBoxes)
        {
            var track = new Track();
            track.Start(box, MotionModel.AlphaBeta);
            track.Predict(); // zero velocity: predicted box = start box
            tracks.Add(track);
        }

        int[] trackMatch = [.. Enumerable.Repeat(-1, tracks.Count)];
        bool[] used = new bool[detections.Length];
        new IouMatcher().Match(tracks, [.. Enumerable.Range(0, tracks.Count)], detections, [.. Enumerable.Range(0, detections.Length)], minIou, trackMatch, used);

        Assert.True(expected.SequenceEqual(trackMatch), $"{label}: got [{string.Join(",", trackMatch)}]");
        Assert.Equal(trackMatch.Count(m => m >= 0), used.Count(u => u));
    }
}
