namespace CrowdPortal.Core.Alerts;

/// <summary>
/// A change of a zone's alert. <see cref="StartSeconds"/> is when the alert began (the first moment the condition held,
/// not when the minimum duration elapsed); <see cref="EndSeconds"/> is set on <see cref="AlertEventKind.Ended"/> only
/// (when the falling condition first held). <see cref="Level"/> is the level after the event (Normal once ended);
/// <see cref="PeakLevel"/> and <see cref="PeakValue"/> are the highest level and value seen since the alert began —
/// on Ended they are what the alerts table stores.
/// </summary>
public readonly record struct AlertEvent(
    string ZoneId,
    AlertEventKind Kind,
    AlertLevel Level,
    AlertLevel PeakLevel,
    double StartSeconds,
    double? EndSeconds,
    double PeakValue,
    double TimestampSeconds);
