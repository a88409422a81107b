using CrowdPortal.Core;

namespace CrowdPortal.Vision.Detectors;

/// <summary>
/// Greedy non-maximum suppression: take boxes by falling confidence and drop any box that overlaps an already kept box of
/// the same class by more than the IoU threshold. Allocation-free given lists with enough capacity.
/// </summary>
internal static class NonMaxSuppression
{
    private static readonly Comparison<Detection> ByConfidenceDescending = static (a, b) => b.Confidence.CompareTo(a.Confidence);

    /// <summary>
    /// Sorts <paramref name="candidates"/> in place by confidence and writes the survivors to <paramref name="kept"/>
    /// (cleared first), at most <paramref name="maxDetections"/> of them.
    /// </summary>
    public static void Apply(List<Detection> candidates, float iouThreshold, List<Detection> kept, int maxDetections = 300)
    {
        kept.Clear();
        candidates.Sort(ByConfidenceDescending);
        for (int i = 0; i < candidates.Count && kept.Count < maxDetections; i++)
        {
            Detection candidate = candidates[i];
            if (!OverlapsKept(candidate, kept, iouThreshold))
            {
                kept.Add(candidate);
            }
        }
    }

    private static bool OverlapsKept(in Detection candidate, List<Detection> kept, float iouThreshold)
    {
        for (int k = 0; k < kept.Count; k++)
        {
            Detection other = kept[k];
            if (other.ClassId == candidate.ClassId && candidate.IoU(other) > iouThreshold)
            {
                return true;
            }
        }

        return false;
    }
}
