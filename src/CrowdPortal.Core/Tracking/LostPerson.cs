namespace CrowdPortal.Core.Tracking;

/// <summary>
/// A confirmed track the detector missed in the current frame (see <see cref="ByteTracker.CollectLost"/>).
/// </summary>
/// <param name="TrackId">The person's id.</param>
/// <param name="Predicted">Where the tracker predicts the person's box now, in frame pixels.</param>
/// <param name="FramesLost">Frames since the person was last matched (1 = missed only in this frame).</param>
/// <param name="TravelHeights">How far the person had moved from where the track started to where it was last seen, in
/// box heights: near 0 for something that never moves.</param>
public readonly record struct LostPerson(int TrackId, Detection Predicted, int FramesLost, float TravelHeights);
