namespace CrowdPortal.Core.Alerts;

/// <summary>
/// Alert state of one zone over video time, with minimum duration and hysteresis (see <see cref="AlertOptions"/>).
/// Feed it the zone's measure (density or count, see <see cref="DensityLevels.Measure"/>) every frame or sample.
/// Rising: Warning (Critical) is entered once the value has stayed ≥ warning (critical) for the minimum duration,
/// jumping straight to Critical when that held. Falling: Critical drops once the value stayed below
/// critical × (1 − h) for the duration (to Normal if it was also below warning × (1 − h) that long), Warning drops to
/// Normal once below warning × (1 − h) for the duration. Events are timed at the moment the condition began.
/// </summary>
public sealed class AlertTracker
{
    private double _aboveWarningSince = double.NaN;
    private double _aboveCriticalSince = double.NaN;
    private double _belowWarningSince = double.NaN;
    private double _belowCriticalSince = double.NaN;
    private double _maxSinceAboveWarning;
    private double _alertStart;
    private double _peakValue;
    private AlertLevel _peakLevel;
    private double _lastTimestamp = double.NegativeInfinity;

    public AlertTracker(string zoneId, AlertThresholds thresholds, AlertOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(zoneId);
        ZoneId = zoneId;
        Thresholds = thresholds;
        Options = options ?? new AlertOptions();
        if (!(Options.MinimumDurationSeconds >= 0) || !(Options.Hysteresis >= 0 && Options.Hysteresis < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MinimumDurationSeconds must be >= 0 and Hysteresis in [0, 1).");
        }
    }

    public string ZoneId { get; }

    public AlertThresholds Thresholds { get; }

    public AlertOptions Options { get; }

    /// <summary>The current (debounced) level.</summary>
    public AlertLevel Level { get; private set; }

    /// <summary>Adds one value at video time <paramref name="timestampSeconds"/> (must not decrease); appends events to <paramref name="events"/>.</summary>
    public void Update(double timestampSeconds, double value, List<AlertEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (!double.IsFinite(timestampSeconds) || timestampSeconds < _lastTimestamp)
        {
            throw new ArgumentOutOfRangeException(nameof(timestampSeconds), timestampSeconds, "Timestamps must be finite and must not decrease.");
        }

        _lastTimestamp = timestampSeconds;
        double keep = 1 - Options.Hysteresis;
        bool wasAboveWarning = !double.IsNaN(_aboveWarningSince);
        Track(ref _aboveWarningSince, value >= Thresholds.Warning, timestampSeconds);
        Track(ref _aboveCriticalSince, value >= Thresholds.Critical, timestampSeconds);
        Track(ref _belowWarningSince, value < Thresholds.Warning * keep, timestampSeconds);
        Track(ref _belowCriticalSince, value < Thresholds.Critical * keep, timestampSeconds);
        if (!double.IsNaN(_aboveWarningSince))
        {
            _maxSinceAboveWarning = wasAboveWarning ? Math.Max(_maxSinceAboveWarning, value) : value;
        }

        if (Level != AlertLevel.Normal)
        {
            _peakValue = Math.Max(_peakValue, value);
        }

        AlertLevel next = NextLevel(timestampSeconds);
        if (next == Level)
        {
            return;
        }

        AlertLevel previous = Level;
        Level = next;
        if (previous == AlertLevel.Normal)
        {
            _alertStart = _aboveWarningSince;
            _peakValue = Math.Max(_maxSinceAboveWarning, value);
            _peakLevel = next;
            events.Add(new AlertEvent(ZoneId, AlertEventKind.Started, next, next, _alertStart, null, _peakValue, timestampSeconds));
        }
        else if (next == AlertLevel.Normal)
        {
            events.Add(new AlertEvent(ZoneId, AlertEventKind.Ended, next, _peakLevel, _alertStart, _belowWarningSince, _peakValue, timestampSeconds));
        }
        else
        {
            _peakLevel = next > _peakLevel ? next : _peakLevel;
            events.Add(new AlertEvent(ZoneId, AlertEventKind.LevelChanged, next, _peakLevel, _alertStart, null, _peakValue, timestampSeconds));
        }
    }

    /// <summary>End of video: if an alert is open, appends its Ended event with end time <paramref name="endSeconds"/>.</summary>
    public void Flush(double endSeconds, List<AlertEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (Level != AlertLevel.Normal)
        {
            events.Add(new AlertEvent(ZoneId, AlertEventKind.Ended, AlertLevel.Normal, _peakLevel, _alertStart, Math.Max(endSeconds, _alertStart), _peakValue, endSeconds));
        }

        Level = AlertLevel.Normal;
        _aboveWarningSince = double.NaN;
        _aboveCriticalSince = double.NaN;
        _belowWarningSince = double.NaN;
        _belowCriticalSince = double.NaN;
    }

    private static void Track(ref double since, bool condition, double timestamp)
    {
        if (!condition)
        {
            since = double.NaN;
        }
        else if (double.IsNaN(since))
        {
            since = timestamp;
        }
    }

    private AlertLevel NextLevel(double now)
    {
        double duration = Options.MinimumDurationSeconds;
        // The epsilon absorbs float error in timestamps such as frame / fps (3.3 - 0.3 < 3.0 in doubles).
        bool Held(double since) => !double.IsNaN(since) && now - since >= duration - 1e-9;

        if (Level < AlertLevel.Critical && Held(_aboveCriticalSince))
        {
            return AlertLevel.Critical;
        }

        if (Level < AlertLevel.Warning && Held(_aboveWarningSince))
        {
            return AlertLevel.Warning;
        }

        if (Level == AlertLevel.Critical && Held(_belowCriticalSince))
        {
            return Held(_belowWarningSince) ? AlertLevel.Normal : AlertLevel.Warning;
        }

        if (Level == AlertLevel.Warning && Held(_belowWarningSince))
        {
            return AlertLevel.Normal;
        }

        return Level;
    }
}
