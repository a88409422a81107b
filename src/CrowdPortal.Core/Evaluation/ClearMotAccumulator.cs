namespace CrowdPortal.Core.Evaluation;

/// <summary>
/// Adds up CLEAR MOT frame by frame. Per frame: a person keeps last time's hypothesis if it is still there with
/// IoU ≥ threshold (the correspondence rule of CLEAR MOT, so a better-fitting newcomer does not cause a switch); the
/// rest are matched optimally (<see cref="BoxMatcher"/>). A match to a different hypothesis id than the person's last
/// one is an identity switch; being matched again after an unmatched frame that followed a match is a fragmentation.
/// </summary>
internal sealed class ClearMotAccumulator(float minIou)
{
    private readonly BoxMatcher _matcher = new();
    private readonly Dictionary<int, int> _lastHypothesis = [];
    private readonly Dictionary<int, Coverage> _coverage = [];
    private int _truthBoxes;
    private int _matches;
    private int _falsePositives;
    private int _idSwitches;
    private int _fragmentations;
    private double _iouSum;

    /// <summary>Scores one frame: the people to find (ignore regions already removed) and the hypotheses left.</summary>
    public void AddFrame(IReadOnlyList<MotRow> truth, IReadOnlyList<MotRow> hypotheses)
    {
        var truthBoxes = new Detection[truth.Count];
        var hypothesisBoxes = new Detection[hypotheses.Count];
        for (int i = 0; i < truth.Count; i++)
        {
            truthBoxes[i] = truth[i].Box;
        }

        for (int j = 0; j < hypotheses.Count; j++)
        {
            hypothesisBoxes[j] = hypotheses[j].Box;
        }

        var truthMatch = new int[truth.Count];
        var hypothesisUsed = new bool[hypotheses.Count];
        Array.Fill(truthMatch, -1);

        // 1. Keep last frame's correspondences that still hold.
        for (int i = 0; i < truth.Count; i++)
        {
            if (!_lastHypothesis.TryGetValue(truth[i].Id, out int lastId))
            {
                continue;
            }

            for (int j = 0; j < hypotheses.Count; j++)
            {
                if (!hypothesisUsed[j] && hypotheses[j].Id == lastId && truthBoxes[i].IoU(hypothesisBoxes[j]) >= minIou)
                {
                    truthMatch[i] = j;
                    hypothesisUsed[j] = true;
                    break;
                }
            }
        }

        // 2. Match the rest optimally.
        var openTruth = new List<int>();
        var openHypotheses = new List<int>();
        for (int i = 0; i < truth.Count; i++)
        {
            if (truthMatch[i] < 0)
            {
                openTruth.Add(i);
            }
        }

        for (int j = 0; j < hypotheses.Count; j++)
        {
            if (!hypothesisUsed[j])
            {
                openHypotheses.Add(j);
            }
        }

        foreach ((int i, int j) in _matcher.Match(truthBoxes, openTruth, hypothesisBoxes, openHypotheses, minIou))
        {
            truthMatch[i] = j;
            hypothesisUsed[j] = true;
        }

        // 3. Count.
        int matchedNow = 0;
        for (int i = 0; i < truth.Count; i++)
        {
            int personId = truth[i].Id;
            Coverage coverage = _coverage.GetValueOrDefault(personId);
            coverage.Present++;
            int j = truthMatch[i];
            if (j >= 0)
            {
                matchedNow++;
                _iouSum += truthBoxes[i].IoU(hypothesisBoxes[j]);
                int hypothesisId = hypotheses[j].Id;
                if (_lastHypothesis.TryGetValue(personId, out int lastId) && lastId != hypothesisId)
                {
                    _idSwitches++;
                }

                if (coverage.EverMatched && !coverage.MatchedLastTime)
                {
                    _fragmentations++;
                }

                _lastHypothesis[personId] = hypothesisId;
                coverage.Matched++;
                coverage.EverMatched = true;
                coverage.MatchedLastTime = true;
            }
            else
            {
                coverage.MatchedLastTime = false;
            }

            _coverage[personId] = coverage;
        }

        _truthBoxes += truth.Count;
        _matches += matchedNow;
        _falsePositives += hypotheses.Count - matchedNow;
    }

    public ClearMotScores Result()
    {
        int mostlyTracked = 0;
        int mostlyLost = 0;
        foreach (Coverage c in _coverage.Values)
        {
            double ratio = c.Matched / (double)c.Present;
            if (ratio >= 0.8)
            {
                mostlyTracked++;
            }
            else if (ratio < 0.2)
            {
                mostlyLost++;
            }
        }

        return new ClearMotScores(
            _truthBoxes, _matches, _falsePositives, _truthBoxes - _matches, _idSwitches, _fragmentations, _iouSum, _coverage.Count, mostlyTracked, mostlyLost);
    }

    /// <summary>How well one person has been followed so far.</summary>
    private struct Coverage
    {
        public int Present;
        public int Matched;
        public bool EverMatched;
        public bool MatchedLastTime;
    }
}
