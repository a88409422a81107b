namespace CrowdPortal.Core.Tracking;

/// <summary>How <see cref="ByteTracker"/> predicts where a person's box will be in the next frame.</summary>
public enum MotionModel
{
    /// <summary>Constant velocity on the box centre with fixed alpha-beta gains; the size is smoothed, not predicted.</summary>
    AlphaBeta,

    /// <summary>ByteTrack's Kalman filter on centre, aspect and height with velocities; noise scales with the box height.</summary>
    Kalman,
}
