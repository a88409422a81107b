using CrowdPortal.Core.Tracking;

namespace CrowdPortal.Core.Evaluation;

/// <summary>
/// Collects, frame by frame, how many boxes each (truth person, hypothesis id) pair shares (IoU ≥ threshold, every
/// pair counted, not only the CLEAR MOT matches), then pairs people with ids once for the whole sequence. Maximising
/// the shared boxes is the same as minimising IDFP + IDFN, because IDFN = truth boxes − IDTP and IDFP = hypothesis
/// boxes − IDTP.
/// </summary>
internal sealed class IdentityAccumulator(float minIou)
{
    private readonly Dictionary<int, int> _truthIndex = [];
    private readonly Dictionary<int, int> _hypothesisIndex = [];
    private readonly Dictionary<(int Truth, int Hypothesis), int> _shared = [];
    private int _truthBoxes;
    private int _hypothesisBoxes;

    public void AddFrame(IReadOnlyList<MotRow> truth, IReadOnlyList<MotRow> hypotheses)
    {
        _truthBoxes += truth.Count;
        _hypothesisBoxes += hypotheses.Count;
        foreach (MotRow h in hypotheses)
        {
            _hypothesisIndex.TryAdd(h.Id, _hypothesisIndex.Count);
        }

        foreach (MotRow t in truth)
        {
            int ti = _truthIndex.GetValueOrDefault(t.Id, -1);
            if (ti < 0)
            {
                ti = _truthIndex.Count;
                _truthIndex[t.Id] = ti;
            }

            foreach (MotRow h in hypotheses)
            {
                if (t.Box.IoU(h.Box) >= minIou)
                {
                    var key = (ti, _hypothesisIndex[h.Id]);
                    _shared[key] = _shared.GetValueOrDefault(key) + 1;
                }
            }
        }
    }

    public IdentityScores Result()
    {
        int n = Math.Max(_truthIndex.Count, _hypothesisIndex.Count);
        int idTruePositives = 0;
        if (n > 0 && _shared.Count > 0)
        {
            int most = 0;
            foreach (int count in _shared.Values)
            {
                most = Math.Max(most, count);
            }

            // Cost = most − shared, so the minimum-cost assignment maximises the shared boxes (padding costs "most").
            var cost = new float[n * n];
            Array.Fill(cost, most);
            foreach (((int ti, int hi), int count) in _shared)
            {
                cost[(ti * n) + hi] = most - count;
            }

            var assignment = new int[n];
            new AssignmentSolver().Solve(cost, n, assignment);
            for (int ti = 0; ti < n; ti++)
            {
                idTruePositives += _shared.GetValueOrDefault((ti, assignment[ti]));
            }
        }

        return new IdentityScores(idTruePositives, _hypothesisBoxes - idTruePositives, _truthBoxes - idTruePositives);
    }
}
