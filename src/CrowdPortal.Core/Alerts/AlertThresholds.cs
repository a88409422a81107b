namespace CrowdPortal.Core.Alerts;

/// <summary>
/// Warning and critical thresholds in one unit (people per m², or people). A value at or above a threshold reaches
/// that level. Use <see cref="double.PositiveInfinity"/> for a level that should never trigger.
/// </summary>
public readonly record struct AlertThresholds
{
    public AlertThresholds(double warning, double critical)
    {
        if (double.IsNaN(warning) || double.IsNaN(critical) || warning < 0 || critical < warning)
        {
            throw new ArgumentOutOfRangeException(nameof(warning), $"Thresholds must satisfy 0 <= warning <= critical (got {warning}, {critical}).");
        }

        Warning = warning;
        Critical = critical;
    }

    public double Warning { get; }

    public double Critical { get; }

    /// <summary>The level <paramref name="value"/> reaches: Critical at or above critical, Warning at or above warning, else Normal.</summary>
    public AlertLevel Classify(double value) =>
        value >= Critical ? AlertLevel.Critical : value >= Warning ? AlertLevel.Warning : AlertLevel.Normal;

    /// <summary>The threshold of a level (Normal: 0).</summary>
    public double For(AlertLevel level) => level switch
    {
        AlertLevel.Critical => Critical,
        AlertLevel.Warning => Warning,
        _ => 0,
    };
}
