namespace CrowdPortal.Core.Tracking;

/// <summary>Life stage of a track inside <see cref="ByteTracker"/>.</summary>
internal enum TrackState
{
    /// <summary>Seen, not yet confirmed (fewer than MinimumHits consecutive matches); no id; dropped on the first miss.</summary>
    Tentative,

    /// <summary>Confirmed and matched in the latest frame.</summary>
    Tracked,

    /// <summary>Confirmed but unmatched for 1..LostTrackBuffer frames; predicted forward and still matchable.</summary>
    Lost,
}
