using CrowdPortal.Core.Geometry;
using CrowdPortal.Core.Zones;

namespace CrowdPortal.Core.Counting;

/// <summary>
/// Drops detections whose anchor (each mask's own <see cref="ZoneDefinition.Anchor"/>) lies inside a mask zone, before
/// tracking and counting — for static false positives (a sign, a cone) and areas the user wants ignored.
/// Zones of other kinds passed in are ignored, so the whole zone list can be handed over.
/// </summary>
public sealed class MaskFilter
{
    private readonly Point2[][] _rings;
    private readonly AnchorPoint[] _anchors;

    public MaskFilter(IReadOnlyList<ZoneDefinition> zones, FrameSize frame)
    {
        ArgumentNullException.ThrowIfNull(zones);
        var rings = new List<Point2[]>();
        var anchors = new List<AnchorPoint>();
        foreach (ZoneDefinition zone in zones)
        {
            if (zone.Kind == ZoneKind.Mask && zone.Points.Count >= 3)
            {
                rings.Add(zone.ToPixels(frame));
                anchors.Add(zone.Anchor);
            }
        }

        _rings = [.. rings];
        _anchors = [.. anchors];
    }

    /// <summary>Number of mask zones in effect.</summary>
    public int MaskCount => _rings.Length;

    /// <summary>True when the detection's anchor is inside any mask.</summary>
    public bool IsMasked(in Detection detection)
    {
        for (int i = 0; i < _rings.Length; i++)
        {
            if (PolygonMath.Contains(_rings[i], detection.Anchor(_anchors[i])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Clears <paramref name="output"/>, copies every detection not masked into it, and returns how many were kept.</summary>
    public int Apply(IReadOnlyList<Detection> input, List<Detection> output)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);
        output.Clear();
        for (int i = 0; i < input.Count; i++)
        {
            Detection detection = input[i];
            if (!IsMasked(detection))
            {
                output.Add(detection);
            }
        }

        return output.Count;
    }
}
