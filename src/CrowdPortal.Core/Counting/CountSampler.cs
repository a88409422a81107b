namespace CrowdPortal.Core.Counting;

/// <summary>
/// Turns one zone's per-frame counts into one <see cref="CountSample"/> per interval of video time (default 1 s).
/// Interval k covers [k·interval, (k+1)·interval). A sample is emitted when the first frame of a later interval
/// arrives. Intervals with no frame (a video slower than one frame per interval, or a short dropout) are emitted too,
/// carrying the last occupancy with no entries or exits, so the series has no holes — but at most
/// <see cref="MaxFilledGapIntervals"/> of them: a longer gap means the source was offline, and inventing an hour of
/// rows would be wrong. <see cref="Flush(List{CountSample})"/> emits the last, partial interval.
/// </summary>
public sealed class CountSampler
{
    /// <summary>Default sample interval: 1 second of video time.</summary>
    public const double DefaultIntervalSeconds = 1.0;

    /// <summary>Longest run of frame-less intervals that is filled in; longer gaps are left empty.</summary>
    public const int MaxFilledGapIntervals = 60;

    private long _interval = -1;
    private bool _open;
    private int _current;
    private int _peak;
    private int _entries;
    private int _exits;
    private double _lastTimestamp = double.NegativeInfinity;

    public CountSampler(string zoneId, double? areaM2 = null, double intervalSeconds = DefaultIntervalSeconds)
    {
        ArgumentException.ThrowIfNullOrEmpty(zoneId);
        if (!double.IsFinite(intervalSeconds) || intervalSeconds <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(intervalSeconds), intervalSeconds, "The sample interval must be a positive number of seconds.");
        }

        ZoneId = zoneId;
        AreaM2 = areaM2 is > 0 ? areaM2 : null;
        IntervalSeconds = intervalSeconds;
    }

    public string ZoneId { get; }

    public double? AreaM2 { get; }

    public double IntervalSeconds { get; }

    /// <summary>
    /// Adds one frame's count at video time <paramref name="timestampSeconds"/> (must not decrease) and appends any
    /// samples completed by it to <paramref name="completed"/> (not cleared).
    /// </summary>
    public void Add(double timestampSeconds, ZoneFrameCount count, List<CountSample> completed)
    {
        ArgumentNullException.ThrowIfNull(completed);
        if (!double.IsFinite(timestampSeconds) || timestampSeconds < 0 || timestampSeconds < _lastTimestamp)
        {
            throw new ArgumentOutOfRangeException(nameof(timestampSeconds), timestampSeconds, "Timestamps must be finite, non-negative and must not decrease.");
        }

        _lastTimestamp = timestampSeconds;
        // The epsilon keeps frame times such as 0.3 s in interval 3 of 0.1 s (0.3 / 0.1 is 2.9999999999999996).
        long interval = (long)Math.Floor((timestampSeconds / IntervalSeconds) + 1e-9);
        if (_open && interval != _interval)
        {
            completed.Add(CurrentSample());
            long gap = interval - _interval - 1;
            if (gap <= MaxFilledGapIntervals)
            {
                for (long k = _interval + 1; k < interval; k++)
                {
                    completed.Add(MakeSample(k, _current, _current, 0, 0));
                }
            }

            _open = false;
        }

        if (!_open)
        {
            _open = true;
            _interval = interval;
            _peak = count.Current;
            _entries = 0;
            _exits = 0;
        }

        _current = count.Current;
        _peak = Math.Max(_peak, count.Current);
        _entries += count.Entries;
        _exits += count.Exits;
    }

    /// <summary>End of video: appends the open partial interval, if any frame was added to it.</summary>
    public void Flush(List<CountSample> completed)
    {
        ArgumentNullException.ThrowIfNull(completed);
        if (_open)
        {
            completed.Add(CurrentSample());
            _open = false;
        }
    }

    private CountSample CurrentSample() => MakeSample(_interval, _current, _peak, _entries, _exits);

    private CountSample MakeSample(long interval, int current, int peak, int entries, int exits) =>
        new(ZoneId, Math.Round(interval * IntervalSeconds, 9), current, peak, entries, exits, AreaM2 is double area ? current / area : null);
}
