using System.Text.Json.Serialization;
using CrowdPortal.Core.Alerts;
using CrowdPortal.Data.Entities;

namespace CrowdPortal.Web.Notifications;

/// <summary>
/// A notification channel as the API and pages show it. <see cref="Secret"/> is present only in the answer to its
/// creation (201): the portal keeps it encrypted and never shows it again.
/// </summary>
public sealed partial record ChannelDto(
    long Id,
    string Kind,
    string Name,
    string? Url,
    string? To,
    IReadOnlyList<string> Events,
    IReadOnlyList<long>? VideoIds,
    AlertLevel? MinLevel,
    string State,
    int ConsecutiveFailures,
    DateTime? RetryAt,
    DateTime? PausedAt,
    string? PauseReason,
    int PendingDeliveries,
    DateTime CreatedAt)
{
    /// <summary>A webhook's signing secret (<c>whsec_…</c>): only in the 201 answer to POST /api/v1/channels.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Secret { get; init; }

    /// <summary><c>active</c>, <c>retrying</c> (the last attempt failed; the next waits for its back-off) or <c>paused</c>.</summary>
    public static string StateOf(NotificationChannel c) => c.PausedAt is not null ? "paused" : c.ConsecutiveFailures > 0 ? "retrying" : "active";

    public static ChannelDto From(NotificationChannel c, int pending) => new ChannelDto(
        c.Id,
        c.Kind,
        c.Name,
        c.Url,
        c.EmailTo,
        ChannelFilter.SplitEvents(c.Events),
        c.VideoIds is null ? null : ChannelFilter.SplitIds(c.VideoIds),
        c.MinLevel,
        StateOf(c),
        c.ConsecutiveFailures,
        c.RetryAt,
        c.PausedAt,
        c.PauseReason,
        pending,
        c.CreatedAt).WithMqtt(c);
}
