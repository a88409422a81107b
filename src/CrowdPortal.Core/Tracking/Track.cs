namespace CrowdPortal.Core.Tracking;

/// <summary>
/// One track's state: an alpha-beta (constant-velocity) filter on the box centre, a smoothed box size, and the
/// bookkeeping ByteTracker needs. Mutable and pooled by the tracker so that tracks are not allocated per frame.
/// </summary>
internal sealed class Track
{
    private float _cx;
    private float _cy;
    private float _w;
    private float _h;
    private float _vx;
    private float _vy;

    /// <summary>0 while tentative; the public id once confirmed.</summary>
    public int Id { get; set; }

    public TrackState State { get; set; }

    /// <summary>Consecutive frames matched (reset by a miss).</summary>
    public int Hits { get; private set; }

    /// <summary>Frames since the last match (0 when matched this frame).</summary>
    public int FramesSinceUpdate { get; private set; }

    /// <summary>The detection matched most recently.</summary>
    public Detection LastDetection { get; private set; }

    /// <summary>The box predicted for the current frame (valid after <see cref="Predict"/>).</summary>
    public Detection Predicted { get; private set; }

    public void Start(in Detection detection)
    {
        Id = 0;
        State = TrackState.Tentative;
        Hits = 1;
        FramesSinceUpdate = 0;
        LastDetection = detection;
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
        _cx += _vx;
        _cy += _vy;
        float hw = _w * 0.5f;
        float hh = _h * 0.5f;
        Predicted = new Detection(_cx - hw, _cy - hh, _cx + hw, _cy + hh, LastDetection.Confidence, LastDetection.ClassId);
    }

    /// <summary>Corrects the predicted state with a matched detection.</summary>
    public void Correct(in Detection detection, float alpha, float beta)
    {
        float zx = (detection.X1 + detection.X2) * 0.5f;
        float zy = (detection.Y1 + detection.Y2) * 0.5f;
        float rx = zx - _cx;
        float ry = zy - _cy;
        if (Hits == 1 && FramesSinceUpdate == 0)
        {
            // Second sighting: the first real velocity estimate is the displacement itself; alpha-beta would need
            // several frames to ramp up from zero and lose fast walkers meanwhile.
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
