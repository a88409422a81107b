namespace CrowdPortal.Core.Tracking;

/// <summary>
/// One track's state: its motion filter (ByteTrack's Kalman filter, or the older alpha-beta filter on the box centre with
/// a smoothed box size) and the bookkeeping ByteTracker needs. Mutable and pooled by the tracker so that tracks are not
/// allocated per frame.
/// </summary>
internal sealed class Track
{
    private readonly BoxKalmanFilter _kalman = new();
    private readonly BoxKalmanFilter _kalmanAtLastMatch = new();
    private MotionModel _motion;
    private float _cx;
    private float _cy;
    private float _w;
    private float _h;
    private float _vx;
    private float _vy;
    private int _sightings;

    /// <summary>0 while tentative; the public id once confirmed.</summary>
    public int Id { get; set; }

    public TrackState State { get; set; }

    /// <summary>Consecutive frames matched (reset by a miss).</summary>
    public int Hits { get; private set; }

    /// <summary>Frames since the last match (0 when matched this frame).</summary>
    public int FramesSinceUpdate { get; private set; }

    /// <summary>The detection matched most recently.</summary>
    public Detection LastDetection { get; private set; }

    /// <summary>The detection the track started from.</summary>
    public Detection FirstDetection { get; private set; }

    /// <summary>The box predicted for the current frame (valid after <see cref="Predict"/>).</summary>
    public Detection Predicted { get; private set; }

    public void Start(in Detection detection, MotionModel motion)
    {
        _motion = motion;
        if (motion == MotionModel.Kalman)
        {
            _kalman.Initiate(detection);
            _kalman.CopyTo(_kalmanAtLastMatch);
        }

        Id = 0;
        State = TrackState.Tentative;
        Hits = 1;
        _sightings = 1;
        FramesSinceUpdate = 0;
        LastDetection = detection;
        FirstDetection = detection;
        _cx = (detection.X1 + detection.X2) * 0.5f;
        _cy = (detection.Y1 + detection.Y2) * 0.5f;
        _w = detection.Width;
        _h = detection.Height;
        _vx = 0;
        _vy = 0;
        Predicted = detection;
    }

    /// <summary>Moves the state one frame forward at constant velocity.</summary>
    public void Predict()
    {
        if (_motion == MotionModel.Kalman)
        {
            _kalman.Predict();
            Predicted = _kalman.Box(LastDetection.Confidence, LastDetection.ClassId);
            return;
        }

        _cx += _vx;
        _cy += _vy;
        float hw = _w * 0.5f;
        float hh = _h * 0.5f;
        Predicted = new Detection(_cx - hw, _cy - hh, _cx + hw, _cy + hh, LastDetection.Confidence, LastDetection.ClassId);
    }

    /// <summary>
    /// Corrects the predicted state with a matched detection. With <paramref name="reupdateAfterGap"/> (Kalman only), a
    /// track found again after missed frames is rewound to its last match and re-filtered along a straight path from that
    /// box to this one (OC-SORT's observation-centric re-update): the velocity then reflects the real displacement instead
    /// of the drift the filter accumulated while predicting blind.
    /// </summary>
    public void Correct(in Detection detection, float alpha, float beta, bool reupdateAfterGap)
    {
        if (_motion == MotionModel.Kalman)
        {
            CorrectKalman(detection, reupdateAfterGap);
            return;
        }

        float zx = (detection.X1 + detection.X2) * 0.5f;
        float zy = (detection.Y1 + detection.Y2) * 0.5f;
        float rx = zx - _cx;
        float ry = zy - _cy;
        if (_sightings == 1)
        {
            // Second sighting: the first real velocity estimate is the displacement itself; alpha-beta would need
            // several frames to ramp up from zero and lose fast walkers meanwhile. Only for a new track: a track
            // found again after a gap has a velocity worth keeping (Hits alone restarts at a miss, which used to
            // reset the velocity to one frame's residual the frame after a re-find).
            _vx = rx;
            _vy = ry;
            _cx = zx;
            _cy = zy;
        }
        else
        {
            // After a gap the residual spans several frames; spread the velocity correction over them.
            float frames = FramesSinceUpdate + 1;
            _cx += alpha * rx;
            _cy += alpha * ry;
            _vx += beta * rx / frames;
            _vy += beta * ry / frames;
        }

        _w += alpha * (detection.Width - _w);
        _h += alpha * (detection.Height - _h);
        _sightings++;
        Hits++;
        FramesSinceUpdate = 0;
        LastDetection = detection;
    }

    private void CorrectKalman(in Detection detection, bool reupdateAfterGap)
    {
        int gap = FramesSinceUpdate;
        if (reupdateAfterGap && gap > 0)
        {
            _kalmanAtLastMatch.CopyTo(_kalman);
            Detection from = LastDetection;
            for (int step = 1; step <= gap; step++)
            {
                float t = step / (float)(gap + 1);
                _kalman.Predict();
                _kalman.Update(new Detection(
                    from.X1 + ((detection.X1 - from.X1) * t),
                    from.Y1 + ((detection.Y1 - from.Y1) * t),
                    from.X2 + ((detection.X2 - from.X2) * t),
                    from.Y2 + ((detection.Y2 - from.Y2) * t),
                    detection.Confidence,
                    detection.ClassId));
            }

            _kalman.Predict();
        }

        _kalman.Update(detection);
        _kalman.CopyTo(_kalmanAtLastMatch);
        Hits++;
        FramesSinceUpdate = 0;
        LastDetection = detection;
    }

    public void MarkMissed()
    {
        Hits = 0;
        FramesSinceUpdate++;
    }
}
