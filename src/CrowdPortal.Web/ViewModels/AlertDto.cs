using CrowdPortal.Core.Alerts;
using CrowdPortal.Data.Entities;

namespace CrowdPortal.Web.ViewModels;

/// <summary>An alert as the API, the Alerts page and live toasts show it (<c>level</c>: "warning" or "critical").</summary>
public sealed record AlertDto(
    long Id,
    long VideoId,
    string VideoName,
    string ZoneId,
    string Label,
    AlertLevel Level,
    double TsStart,
    double? TsEnd,
    double PeakValue,
    string Unit,
    string? AcknowledgedBy,
    DateTime? AcknowledgedAt)
{
    public static AlertDto From(AlertRecord a, string videoName) => new(
        a.Id, a.VideoId, videoName, a.ZoneId, a.Label, a.Level, a.TsStart, a.TsEnd, Math.Round(a.PeakValue, 3), a.Unit,
        a.AcknowledgedBy, a.AcknowledgedAt is { } at ? DateTime.SpecifyKind(at, DateTimeKind.Utc) : null);
}
