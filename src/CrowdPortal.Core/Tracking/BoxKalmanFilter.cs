namespace CrowdPortal.Core.Tracking;

/// <summary>
/// ByteTrack's Kalman filter on a box as (centre x, centre y, aspect w/h, height) with a constant-velocity model. Its
/// transition, measurement and noise matrices are diagonal per coordinate, so the 8-state filter splits exactly into four
/// independent (position, velocity) filters; each is kept as a 2×2 covariance. Noise scales with the box height
/// (1/20 of it for positions, 1/160 for velocities, as in ByteTrack), so near and far people are treated alike.
/// </summary>
internal sealed class BoxKalmanFilter
{
    private const float PositionWeight = 1f / 20f;
    private const float VelocityWeight = 1f / 160f;

    // Per coordinate (cx, cy, aspect, height): value, velocity and the covariance entries p00 (value), p01, p11 (velocity).
    private readonly float[] _x = new float[4];
    private readonly float[] _v = new float[4];
    private readonly float[] _p00 = new float[4];
    private readonly float[] _p01 = new float[4];
    private readonly float[] _p11 = new float[4];

    /// <summary>The current box estimate.</summary>
    public Detection Box(float confidence, int classId)
    {
        float h = Math.Max(_x[3], 1f);
        float w = Math.Max(_x[2], 0.01f) * h;
        return new Detection(_x[0] - (w * 0.5f), _x[1] - (h * 0.5f), _x[0] + (w * 0.5f), _x[1] + (h * 0.5f), confidence, classId);
    }

    /// <summary>Starts at a measured box with zero velocity and ByteTrack's initial uncertainty.</summary>
    public void Initiate(in Detection box)
    {
        Measure(box, out float cx, out float cy, out float a, out float h);
        Set(0, cx, 2 * PositionWeight * h, 10 * VelocityWeight * h);
        Set(1, cy, 2 * PositionWeight * h, 10 * VelocityWeight * h);
        Set(2, a, 1e-2f, 1e-5f);
        Set(3, h, 2 * PositionWeight * h, 10 * VelocityWeight * h);
    }

    /// <summary>One frame forward: value += velocity, uncertainty grows by the process noise.</summary>
    public void Predict()
    {
        float h = _x[3];
        for (int i = 0; i < 4; i++)
        {
            float q0 = i == 2 ? 1e-2f : PositionWeight * h;
            float q1 = i == 2 ? 1e-5f : VelocityWeight * h;
            _x[i] += _v[i];
            _p00[i] += (2 * _p01[i]) + _p11[i] + (q0 * q0);
            _p01[i] += _p11[i];
            _p11[i] += q1 * q1;
        }
    }

    /// <summary>Corrects with a measured box.</summary>
    public void Update(in Detection box)
    {
        Measure(box, out float cx, out float cy, out float a, out float h);
        float hNoise = _x[3];
        Correct(0, cx, PositionWeight * hNoise);
        Correct(1, cy, PositionWeight * hNoise);
        Correct(2, a, 1e-1f);
        Correct(3, h, PositionWeight * hNoise);
    }

    /// <summary>Copies the whole state (to return to it later, for the observation-centric re-update).</summary>
    public void CopyTo(BoxKalmanFilter other)
    {
        Array.Copy(_x, other._x, 4);
        Array.Copy(_v, other._v, 4);
        Array.Copy(_p00, other._p00, 4);
        Array.Copy(_p01, other._p01, 4);
        Array.Copy(_p11, other._p11, 4);
    }

    private static void Measure(in Detection box, out float cx, out float cy, out float aspect, out float height)
    {
        height = Math.Max(box.Height, 1f);
        cx = (box.X1 + box.X2) * 0.5f;
        cy = (box.Y1 + box.Y2) * 0.5f;
        aspect = box.Width / height;
    }

    private void Set(int i, float value, float positionStd, float velocityStd)
    {
        _x[i] = value;
        _v[i] = 0;
        _p00[i] = positionStd * positionStd;
        _p01[i] = 0;
        _p11[i] = velocityStd * velocityStd;
    }

    private void Correct(int i, float measured, float noiseStd)
    {
        float s = _p00[i] + (noiseStd * noiseStd);
        float k0 = _p00[i] / s;
        float k1 = _p01[i] / s;
        float residual = measured - _x[i];
        _x[i] += k0 * residual;
        _v[i] += k1 * residual;
        float p00 = _p00[i];
        float p01 = _p01[i];
        _p00[i] = (1 - k0) * p00;
        _p01[i] = (1 - k0) * p01;
        _p11[i] -= k1 * p01;
    }
}
