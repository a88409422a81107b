using CrowdPortal.Core.Tracking;

namespace CrowdPortal.Core.Evaluation;

/// <summary>
/// One frame's optimal one-to-one matching between truth boxes and hypothesis boxes (Hungarian method), as the CLEAR MOT
/// devkits do it: only pairs with IoU ≥ the threshold may match; among the assignments with the most matches, the one
/// with the highest summed IoU wins.
/// </summary>
internal sealed class BoxMatcher
{
    // Far above any real pair's cost (1 − IoU ≤ 1 − threshold), so one match more always beats a better overlap.
    private const float Unmatched = 100f;

    private readonly AssignmentSolver _solver = new();

    /// <summary>
    /// Matches <paramref name="truth"/>[i] for i in <paramref name="truthIndices"/> to <paramref name="hypotheses"/>[j]
    /// for j in <paramref name="hypothesisIndices"/>. Returns the pairs (truth index, hypothesis index).
    /// </summary>
    public List<(int Truth, int Hypothesis)> Match(
        IReadOnlyList<Detection> truth, IReadOnlyList<int> truthIndices, IReadOnlyList<Detection> hypotheses, IReadOnlyList<int> hypothesisIndices, float minIou)
    {
        var pairs = new List<(int, int)>();
        int rows = truthIndices.Count;
        int columns = hypothesisIndices.Count;
        if (rows == 0 || columns == 0)
        {
            return pairs;
        }

        int n = Math.Max(rows, columns);
        var cost = new float[n * n];
        Array.Fill(cost, Unmatched);
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                float iou = truth[truthIndices[r]].IoU(hypotheses[hypothesisIndices[c]]);
                if (iou >= minIou && iou > 0)
                {
                    cost[(r * n) + c] = 1f - iou;
                }
            }
        }

        var assignment = new int[n];
        _solver.Solve(cost, n, assignment);
        for (int r = 0; r < rows; r++)
        {
            int c = assignment[r];
            if (c < columns && cost[(r * n) + c] < Unmatched)
            {
                pairs.Add((truthIndices[r], hypothesisIndices[c]));
            }
        }

        return pairs;
    }
}
