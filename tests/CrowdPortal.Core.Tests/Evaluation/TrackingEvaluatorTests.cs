using CrowdPortal.Core.Evaluation;

namespace CrowdPortal.Core.Tests.Evaluation;

/// <summary>Hand-made sequences whose CLEAR MOT and IDF1 figures are worked out in the comments.</summary>
public class TrackingEvaluatorTests
{
    [Fact]
    public void Evaluate_PerfectTracks_ScoresOne()
    {
        // Two people over three frames, reported exactly with one id each.
        MotRow[] truth = [.. Walk(1, 1, 3, 0), .. Walk(2, 1, 3, 100)];
        MotRow[] hypotheses = [.. Walk(7, 1, 3, 0), .. Walk(8, 1, 3, 100)];

        TrackingScores s = TrackingEvaluator.Evaluate(truth, hypotheses);

        Assert.Equal(3, s.FramesScored);
        Assert.Equal(6, s.ClearMot.TruthBoxes);
        Assert.Equal((6, 0, 0, 0, 0), (s.ClearMot.Matches, s.ClearMot.FalsePositives, s.ClearMot.FalseNegatives, s.ClearMot.IdSwitches, s.ClearMot.Fragmentations));
        Assert.Equal(1.0, s.ClearMot.Mota, 6);
        Assert.Equal(1.0, s.ClearMot.Motp, 6);
        Assert.Equal(1.0, s.Identity.Idf1, 6);
        Assert.Equal(2, s.ClearMot.MostlyTracked);
    }

    [Fact]
    public void Evaluate_IdChangesHalfway_OneSwitchAndHalfTheIdentity()
    {
        // One person over frames 1-4; the tracker calls them 10 in frames 1-2 and 11 in frames 3-4.
        // CLEAR MOT: 4 matches, no FP/FN, 1 switch (frame 3) -> MOTA = 1 - 1/4 = 0.75.
        // IDF1: the person pairs with id 10 (2 shared boxes): IDTP 2, IDFP 2 (id 11's boxes), IDFN 2 -> 4 / (4 + 2 + 2) = 0.5.
        MotRow[] truth = [.. Walk(1, 1, 4, 0)];
        MotRow[] hypotheses = [.. Walk(10, 1, 2, 0), .. Walk(11, 3, 4, 0)];

        TrackingScores s = TrackingEvaluator.Evaluate(truth, hypotheses);

        Assert.Equal(1, s.ClearMot.IdSwitches);
        Assert.Equal(0, s.ClearMot.Fragmentations);
        Assert.Equal(0.75, s.ClearMot.Mota, 6);
        Assert.Equal((2, 2, 2), (s.Identity.IdTruePositives, s.Identity.IdFalsePositives, s.Identity.IdFalseNegatives));
        Assert.Equal(0.5, s.Identity.Idf1, 6);
        Assert.Equal(0.5, s.Identity.Idp, 6);
        Assert.Equal(0.5, s.Identity.Idr, 6);
    }

    [Fact]
    public void Evaluate_OneMissedFrame_IsAMissAndAFragmentation()
    {
        // One person over frames 1-5, tracked as id 7 except in frame 3.
        // CLEAR MOT: FN 1, Frag 1 (interrupted at 3, resumed at 4), no switch -> MOTA = 1 - 1/5 = 0.8.
        // IDF1: IDTP 4, IDFP 0, IDFN 1 -> 8 / 9.
        MotRow[] truth = [.. Walk(1, 1, 5, 0)];
        MotRow[] hypotheses = [.. Walk(7, 1, 5, 0).Where(r => r.Frame != 3)];

        TrackingScores s = TrackingEvaluator.Evaluate(truth, hypotheses);

        Assert.Equal((1, 1, 0), (s.ClearMot.FalseNegatives, s.ClearMot.Fragmentations, s.ClearMot.IdSwitches));
        Assert.Equal(0.8, s.ClearMot.Mota, 6);
        Assert.Equal(8.0 / 9.0, s.Identity.Idf1, 6);
        Assert.Equal(1.0, s.Identity.Idp, 6);
        Assert.Equal(0.8, s.Identity.Idr, 6);
    }

    [Fact]
    public void Evaluate_OverlapBelowHalf_IsAMissAndAFalsePositive()
    {
        // Truth (0,0)-(10,10), hypothesis (5,0)-(15,10): IoU = 50 / 150 = 0.33 < 0.5, so no match.
        // FN 1 + FP 1 over 1 truth box -> MOTA = 1 - 2/1 = -1.
        MotRow[] truth = [Box(1, 1, 0, 0, 10, 10)];
        MotRow[] hypotheses = [Box(1, 5, 5, 0, 10, 10)];

        TrackingScores s = TrackingEvaluator.Evaluate(truth, hypotheses);

        Assert.Equal((1, 1), (s.ClearMot.FalseNegatives, s.ClearMot.FalsePositives));
        Assert.Equal(-1.0, s.ClearMot.Mota, 6);
        Assert.Equal(0.0, s.Identity.Idf1, 6);
    }

    [Fact]
    public void Evaluate_LastMatchStillOverlaps_KeepsItEvenIfANewcomerFitsBetter()
    {
        // Frame 1: hypothesis A exact. Frame 2: A drifts to (2,0)-(12,10) (IoU 80/120 = 0.67), newcomer B sits exactly.
        // CLEAR MOT keeps the correspondence that still holds: A stays matched, no switch, B is a false positive.
        MotRow[] truth = [Box(1, 1, 0, 0, 10, 10), Box(2, 1, 0, 0, 10, 10)];
        MotRow[] hypotheses = [Box(1, 20, 0, 0, 10, 10), Box(2, 20, 2, 0, 10, 10), Box(2, 21, 0, 0, 10, 10)];

        TrackingScores s = TrackingEvaluator.Evaluate(truth, hypotheses);

        Assert.Equal((0, 1, 2), (s.ClearMot.IdSwitches, s.ClearMot.FalsePositives, s.ClearMot.Matches));
        // MOTP = (1 + 0.6667) / 2.
        Assert.Equal((1.0 + (80.0 / 120.0)) / 2, s.ClearMot.Motp, 5);
    }

    [Fact]
    public void Evaluate_TwoPeopleOneAmbiguousBox_MatchesOptimallyNotGreedily()
    {
        // P1 (0,0)-(10,10), P2 (4,0)-(14,10). H1 (1,0)-(11,10): IoU 0.818 with P1, 70/130 = 0.538 with P2.
        // H2 (-2,0)-(8,10): IoU 80/120 = 0.667 with P1, 0.25 with P2 (too low).
        // Greedy (best pair first) would take H1-P1 and leave P2 and H2 alone; the optimal matching is H2-P1, H1-P2.
        MotRow[] truth = [Box(1, 1, 0, 0, 10, 10), Box(1, 2, 4, 0, 10, 10)];
        MotRow[] hypotheses = [Box(1, 11, 1, 0, 10, 10), Box(1, 12, -2, 0, 10, 10)];

        TrackingScores s = TrackingEvaluator.Evaluate(truth, hypotheses);

        Assert.Equal((2, 0, 0), (s.ClearMot.Matches, s.ClearMot.FalsePositives, s.ClearMot.FalseNegatives));
        Assert.Equal(1.0, s.ClearMot.Mota, 6);
        Assert.Equal(((80.0 / 120.0) + (70.0 / 130.0)) / 2, s.ClearMot.Motp, 5);
    }

    [Fact]
    public void Evaluate_HypothesisOnAnIgnoreRegion_IsNeitherRewardedNorPunished()
    {
        // Frame 1: a person (id 1) and an ignore region (flag 0, id 2). The tracker reports both plus a box on empty ground.
        // The box on the ignore region is removed; the one on empty ground is a false positive -> MOTA = 1 - 1/1 = 0.
        MotRow[] truth = [Box(1, 1, 0, 0, 10, 10), Box(1, 2, 50, 0, 10, 10, ignore: true)];
        MotRow[] hypotheses = [Box(1, 5, 0, 0, 10, 10), Box(1, 6, 51, 0, 10, 10), Box(1, 7, 200, 0, 10, 10)];

        TrackingScores s = TrackingEvaluator.Evaluate(truth, hypotheses);

        Assert.Equal(1, s.ClearMot.TruthBoxes);
        Assert.Equal((1, 1, 0), (s.ClearMot.Matches, s.ClearMot.FalsePositives, s.ClearMot.FalseNegatives));
        Assert.Equal(0.0, s.ClearMot.Mota, 6);
        // Identity: IDTP 1, IDFP 1 (id 7), IDFN 0 -> 2 / 3.
        Assert.Equal(2.0 / 3.0, s.Identity.Idf1, 6);
    }

    [Fact]
    public void Evaluate_OneIdForTwoPeopleInTurn_NoSwitchButHalfTheIdentity()
    {
        // Person 1 in frames 1-3 and person 2 in frames 4-6 are both reported as id 5. CLEAR MOT counts switches per
        // person, and each person only ever had id 5: no switch, MOTA 1. IDF1 pairs id 5 with one person only:
        // IDTP 3, IDFP 3, IDFN 3 -> 0.5.
        MotRow[] truth = [.. Walk(1, 1, 3, 0), .. Walk(2, 4, 6, 300)];
        MotRow[] hypotheses = [.. Walk(5, 1, 3, 0), .. Walk(5, 4, 6, 300)];

        TrackingScores s = TrackingEvaluator.Evaluate(truth, hypotheses);

        Assert.Equal(0, s.ClearMot.IdSwitches);
        Assert.Equal(1.0, s.ClearMot.Mota, 6);
        Assert.Equal(0.5, s.Identity.Idf1, 6);
    }

    [Fact]
    public void Evaluate_FramesWithoutTruthRowsOrOutsideTheRange_AreNotScored()
    {
        // Truth annotated in frames 1 and 6 only (as when every 5th frame is annotated); the tracker's frames 2-5 are not
        // scored, so its false box in frame 3 costs nothing. The range 1-5 then drops frame 6 as well.
        MotRow[] truth = [Box(1, 1, 0, 0, 10, 10), Box(6, 1, 0, 0, 10, 10)];
        MotRow[] hypotheses = [.. Walk(4, 1, 6, 0), Box(3, 9, 300, 0, 10, 10)];

        TrackingScores all = TrackingEvaluator.Evaluate(truth, hypotheses);
        TrackingScores firstOnly = TrackingEvaluator.Evaluate(truth, hypotheses, firstFrame: 1, lastFrame: 5);

        Assert.Equal((2, 2, 0), (all.FramesScored, all.ClearMot.Matches, all.ClearMot.FalsePositives));
        Assert.Equal((1, 1), (firstOnly.FramesScored, firstOnly.ClearMot.TruthBoxes));
    }

    [Fact]
    public void Evaluate_NoHypotheses_AllMissed()
    {
        // Empty tracker output: every truth box is a miss -> MOTA = 1 - 3/3 = 0, IDF1 0, mostly lost.
        TrackingScores s = TrackingEvaluator.Evaluate([.. Walk(1, 1, 3, 0)], []);

        Assert.Equal((3, 0), (s.ClearMot.FalseNegatives, s.ClearMot.Matches));
        Assert.Equal(0.0, s.ClearMot.Mota, 6);
        Assert.Equal(0.0, s.Identity.Idf1, 6);
        Assert.Equal(1, s.ClearMot.MostlyLost);
    }

    /// <summary>A person standing still at x = <paramref name="x"/> from frame <paramref name="first"/> to <paramref name="last"/>.</summary>
    private static IEnumerable<MotRow> Walk(int id, int first, int last, float x) =>
        Enumerable.Range(first, last - first + 1).Select(f => Box(f, id, x, 0, 10, 10));

    private static MotRow Box(int frame, int id, float x, float y, float w, float h, bool ignore = false) =>
        MotRow.FromTopLeft(frame, id, x, y, w, h, ignore);
}
