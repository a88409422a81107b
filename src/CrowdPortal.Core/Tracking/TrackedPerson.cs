using CrowdPortal.Core.Geometry;

namespace CrowdPortal.Core.Tracking;

/// <summary>
/// A confirmed track seen in the current frame: a stable id (1, 2, 3… in order of confirmation, never reused within
/// one tracker) and the detection matched to it this frame (box in frame pixels, as the detector gave it).
/// </summary>
public readonly record struct TrackedPerson(int TrackId, Detection Detection)
{
    /// <summary>The person's position for zone tests, in frame pixels.</summary>
    public Point2 Anchor(AnchorPoint anchor = AnchorPoint.BottomCenter) => Detection.Anchor(anchor);
}
