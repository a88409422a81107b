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
    /// matched and detections already used are skipped. A track lost for k frames is compared by buffered IoU: its
    /// predicted box and each detection widened by <paramref name="lostBufferPerFrame"/> × k of their size on each side.
    /// </summary>
    public void Match(
        List<Track> tracks,
        List<int> trackIndices,
        IReadOnlyList<Detection> detections,
        List<int> detectionIndices,
        float minIou,
        int[] trackMatch,
        bool[] detectionUsed,
        float lostBufferPerFrame = 0f)
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
            Track track = tracks[_rows[r]];
            float buffer = lostBufferPerFrame * track.FramesSinceUpdate;
            Detection predicted = Widen(track.Predicted, buffer);
            for (int c = 0; c < _columns.Count; c++)
            {
                float overlap = predicted.IoU(buffer > 0 ? Widen(detections[_columns[c]], buffer) : detections[_columns[c]]);
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

    private static Detection Widen(in Detection box, float fraction)
    {
        if (fraction <= 0)
        {
            return box;
        }

        float dx = box.Width * fraction;
        float dy = box.Height * fraction;
        return box with { X1 = box.X1 - dx, Y1 = box.Y1 - dy, X2 = box.X2 + dx, Y2 = box.Y2 + dy };
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
