namespace CrowdPortal.Core.Alerts;

/// <summary>
/// Debouncing of alerts. A level is entered only after the value stayed at or above its threshold for
/// <see cref="MinimumDurationSeconds"/>; it is left only after the value stayed below threshold × (1 − <see cref="Hysteresis"/>)
/// for the same time. Together they stop a count that hovers around a threshold from flapping.
/// </summary>
public sealed record AlertOptions
{
    /// <summary>Seconds of video a condition must hold before the level changes. 0 = immediately.</summary>
    public double MinimumDurationSeconds { get; init; } = 3.0;

    /// <summary>Fraction below a threshold the value must fall to leave its level (0.1 = 10 % below).</summary>
    public double Hysteresis { get; init; } = 0.1;
}
