namespace CrowdPortal.Core.Tracking;

/// <summary>
/// IoU assignment between track boxes and detections that maximises the summed IoU of the accepted pairs (Hungarian
/// method on cost 1 − IoU, pairs below the threshold cost the same as staying unmatched), as ByteTrack does with LAPJV.
/// Optimal rather than greedy because when two people cross, the single best-looking pair can force the other person
/// onto the wrong track. Reuses its buffers across calls.
/// </summary>
internal sealed class IouMatcher
{
    private readonly AssignmentSolver _solver = new();
    private readonly List<int> _rows = [];
    private readonly List<int> _columns = [];
    private float[] _cost = [];
    private float[] _iou = [];
    private int[] _assignment = [];

    /// <summary>
    /// Matches <paramref name="trackIndices"/> (into <paramref name="tracks"/>, using their predicted boxes) to
    /// <paramref name="detectionIndices"/> (into <paramref name="detections"/>). Writes the chosen detection index into
    /// <paramref name="trackMatch"/> (per track index) and marks <paramref name="detectionUsed"/>. Tracks already
    /// matched and detections already used are skipped.
    /// </summary>
    public void Match(
        List<Track> tracks,
        List<int> trackIndices,
        IReadOnlyList<Detection> detections,
        List<int> detectionIndices,
        float minIou,
        int[] trackMatch,
        bool[] detectionUsed)
    {
        _rows.Clear();
        foreach (int ti in trackIndices)
        {
            if (trackMatch[ti] < 0)
            {
                _rows.Add(ti);
            }
        }

        _columns.Clear();
        foreach (int di in detectionIndices)
        {
            if (!detectionUsed[di])
            {
                _columns.Add(di);
            }
        }

        if (_rows.Count == 0 || _columns.Count == 0)
        {
            return;
        }

        int n = Math.Max(_rows.Count, _columns.Count);
        EnsureCapacity(n);
        Span<float> cost = _cost.AsSpan(0, n * n);
        Span<float> iou = _iou.AsSpan(0, n * n);
        cost.Fill(1f); // padding rows/columns and pairs under the threshold: the cost of staying unmatched
        iou.Clear();
        bool any = false;
        for (int r = 0; r < _rows.Count; r++)
        {
            Detection predicted = tracks[_rows[r]].Predicted;
            for (int c = 0; c < _columns.Count; c++)
            {
                float overlap = predicted.IoU(detections[_columns[c]]);
                if (overlap >= minIou && overlap > 0)
                {
                    cost[(r * n) + c] = 1f - overlap;
                    iou[(r * n) + c] = overlap;
                    any = true;
                }
            }
        }

        if (!any)
        {
            return;
        }

        Span<int> assignment = _assignment.AsSpan(0, n);
        _solver.Solve(cost, n, assignment);
        for (int r = 0; r < _rows.Count; r++)
        {
            int c = assignment[r];
            if (c < _columns.Count && iou[(r * n) + c] > 0)
            {
                trackMatch[_rows[r]] = _columns[c];
                detectionUsed[_columns[c]] = true;
            }
        }
    }

    private void EnsureCapacity(int n)
    {
        if (_assignment.Length >= n)
        {
            return;
        }

        int size = Math.Max(n, _assignment.Length * 2);
        _cost = new float[size * size];
        _iou = new float[size * size];
        _assignment = new int[size];
    }
}
