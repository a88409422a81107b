namespace CrowdPortal.Core.Evaluation;

/// <summary>
/// Scores tracker output against MOTChallenge ground truth with CLEAR MOT and identity (IDF1) measures.
/// <list type="bullet">
/// <item>Only frames that have ground-truth rows (people or ignore regions) are scored, so truth annotated every 5th
/// frame is compared with the tracker's output of those frames only.</item>
/// <item>Ignore regions (flag 0), as in the MOTChallenge devkit: per frame, all truth boxes (people and ignore regions)
/// are matched to the hypotheses; hypotheses matched to an ignore region are removed before scoring.</item>
/// <item>A match needs IoU ≥ <c>minIou</c> (0.5, the MOTChallenge setting).</item>
/// </list>
/// </summary>
public static class TrackingEvaluator
{
    /// <summary>The MOTChallenge match threshold.</summary>
    public const float DefaultMinIou = 0.5f;

    /// <summary>Scores <paramref name="hypotheses"/> against <paramref name="truth"/> (1-based frames, inclusive range).</summary>
    /// <param name="truth">Ground-truth rows.</param>
    /// <param name="hypotheses">Tracker output rows.</param>
    /// <param name="firstFrame">First 1-based frame to score (null = from the start).</param>
    /// <param name="lastFrame">Last 1-based frame to score (null = to the end).</param>
    /// <param name="minIou">IoU a truth box and a hypothesis need to match.</param>
    public static TrackingScores Evaluate(
        IReadOnlyList<MotRow> truth, IReadOnlyList<MotRow> hypotheses, int? firstFrame = null, int? lastFrame = null, float minIou = DefaultMinIou)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(hypotheses);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(minIou, 0f);

        SortedDictionary<int, List<MotRow>> truthByFrame = GroupByFrame(truth, firstFrame, lastFrame);
        Dictionary<int, List<MotRow>> hypothesesByFrame = [];
        foreach (MotRow h in hypotheses)
        {
            if (truthByFrame.ContainsKey(h.Frame))
            {
                Rows(hypothesesByFrame, h.Frame).Add(h);
            }
        }

        var clearMot = new ClearMotAccumulator(minIou);
        var identity = new IdentityAccumulator(minIou);
        var matcher = new BoxMatcher();
        foreach ((int frame, List<MotRow> frameTruth) in truthByFrame)
        {
            List<MotRow> frameHypotheses = hypothesesByFrame.GetValueOrDefault(frame) ?? [];
            var people = new List<MotRow>(frameTruth.Count);
            foreach (MotRow t in frameTruth)
            {
                if (!t.Ignore)
                {
                    people.Add(t);
                }
            }

            List<MotRow> kept = people.Count == frameTruth.Count ? frameHypotheses : WithoutIgnored(frameTruth, frameHypotheses, matcher, minIou);
            clearMot.AddFrame(people, kept);
            identity.AddFrame(people, kept);
        }

        return new TrackingScores(truthByFrame.Count, clearMot.Result(), identity.Result());
    }

    /// <summary>The hypotheses left after removing those matched to an ignore region (matching against all truth boxes).</summary>
    private static List<MotRow> WithoutIgnored(List<MotRow> frameTruth, List<MotRow> frameHypotheses, BoxMatcher matcher, float minIou)
    {
        var truthBoxes = new Detection[frameTruth.Count];
        var truthIndices = new int[frameTruth.Count];
        for (int i = 0; i < frameTruth.Count; i++)
        {
            truthBoxes[i] = frameTruth[i].Box;
            truthIndices[i] = i;
        }

        var hypothesisBoxes = new Detection[frameHypotheses.Count];
        var hypothesisIndices = new int[frameHypotheses.Count];
        for (int j = 0; j < frameHypotheses.Count; j++)
        {
            hypothesisBoxes[j] = frameHypotheses[j].Box;
            hypothesisIndices[j] = j;
        }

        var dropped = new bool[frameHypotheses.Count];
        foreach ((int i, int j) in matcher.Match(truthBoxes, truthIndices, hypothesisBoxes, hypothesisIndices, minIou))
        {
            dropped[j] = frameTruth[i].Ignore;
        }

        var kept = new List<MotRow>(frameHypotheses.Count);
        for (int j = 0; j < frameHypotheses.Count; j++)
        {
            if (!dropped[j])
            {
                kept.Add(frameHypotheses[j]);
            }
        }

        return kept;
    }

    private static SortedDictionary<int, List<MotRow>> GroupByFrame(IReadOnlyList<MotRow> rows, int? firstFrame, int? lastFrame)
    {
        var byFrame = new SortedDictionary<int, List<MotRow>>();
        foreach (MotRow row in rows)
        {
            if ((firstFrame is int first && row.Frame < first) || (lastFrame is int last && row.Frame > last))
            {
                continue;
            }

            if (!byFrame.TryGetValue(row.Frame, out List<MotRow>? list))
            {
                list = [];
                byFrame[row.Frame] = list;
            }

            list.Add(row);
        }

        return byFrame;
    }

    private static List<MotRow> Rows(Dictionary<int, List<MotRow>> byFrame, int frame)
    {
        if (!byFrame.TryGetValue(frame, out List<MotRow>? list))
        {
            list = [];
            byFrame[frame] = list;
        }

        return list;
    }
}
