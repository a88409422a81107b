using CrowdPortal.Core;

namespace CrowdPortal.Vision.Detectors;

/// <summary>
/// Merges the boxes of the whole-frame pass and of the tiles into one set of people: by falling score, a box is dropped
/// when a kept box from another pass overlaps it (IoU above <see cref="IouThreshold"/>) or contains most of it
/// (intersection over the smaller box above <see cref="ContainmentThreshold"/>: the same person seen whole in one pass
/// and in part in another). Boxes of the same pass are never merged: the detector's own NMS already kept them apart, so
/// two people standing close stay two. Reuses its buffers; one instance per thread.
/// </summary>
internal sealed class TileMerger
{
    public const float IouThreshold = 0.5f;
    public const float ContainmentThreshold = 0.7f;

    private static readonly Comparison<(Detection Box, int Pass)> ByConfidenceDescending =
        static (a, b) => b.Box.Confidence.CompareTo(a.Box.Confidence);

    private readonly List<(Detection Box, int Pass)> _candidates = [];
    private readonly List<(Detection Box, int Pass)> _kept = [];

    public void Clear() => _candidates.Clear();

    /// <summary>Adds a box found by pass <paramref name="pass"/> (0 = whole frame, 1.. = tiles), in frame pixels.</summary>
    public void Add(in Detection box, int pass) => _candidates.Add((box, pass));

    /// <summary>Clears <paramref name="output"/> and fills it with the merged boxes, highest score first.</summary>
    public void MergeInto(List<Detection> output)
    {
        output.Clear();
        _kept.Clear();
        _candidates.Sort(ByConfidenceDescending);
        foreach (var candidate in _candidates)
        {
            if (!DuplicatesKept(candidate))
            {
                _kept.Add(candidate);
                output.Add(candidate.Box);
            }
        }
    }

    private bool DuplicatesKept((Detection Box, int Pass) candidate)
    {
        foreach (var kept in _kept)
        {
            if (kept.Pass != candidate.Pass && kept.Box.ClassId == candidate.Box.ClassId && SamePerson(kept.Box, candidate.Box))
            {
                return true;
            }
        }

        return false;
    }

    private static bool SamePerson(in Detection a, in Detection b)
    {
        float ix = Math.Min(a.X2, b.X2) - Math.Max(a.X1, b.X1);
        float iy = Math.Min(a.Y2, b.Y2) - Math.Max(a.Y1, b.Y1);
        if (ix <= 0 || iy <= 0)
        {
            return false;
        }

        float intersection = ix * iy;
        float smaller = Math.Min(a.Area, b.Area);
        return a.IoU(b) > IouThreshold || (smaller > 0 && intersection / smaller > ContainmentThreshold);
    }
}
