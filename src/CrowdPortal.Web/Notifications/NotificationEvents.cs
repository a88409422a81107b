using CrowdPortal.Core.Alerts;
using System.Text.Json;
using CrowdPortal.Data.Entities;
using Microsoft.Extensions.Options;

namespace CrowdPortal.Web.Notifications;

/// <summary>
/// Makes the outbox rows for what happened, with the JSON body every channel receives fixed at that moment:
/// <c>{"type", "timestamp", "data"}</c>, <c>data</c> naming the video or camera, the zone, level, value and unit, and a
/// link to its dashboard. The caller adds the row in the same transaction as the state it reports.
/// </summary>
public sealed class NotificationEvents(IOptions<NotificationSettings> settings, TimeProvider clock)
{
    private readonly string _portalUrl = settings.Value.PortalUrl.TrimEnd('/');

    /// <param name="type">An alert event type.</param>
    /// <param name="subject">The video or camera.</param>
    /// <param name="alert">The alert row.</param>
    /// <param name="level">The level at the event's moment, when the row may have moved on since; null: the row's.</param>
    /// <param name="value">The value at the event's moment; null: the row's peak.</param>
    public NotificationEvent ForAlert(string type, EventSubject subject, AlertRecord alert, AlertLevel? level = null, double? value = null) =>
        Create(subject.UserId, type, subject.VideoId, level ?? alert.Level, $"{subject.VideoId}/{alert.ZoneId}", new
        {
            alertId = alert.Id,
            source = subject.KindName,
            videoId = subject.VideoId,
            name = subject.Name,
            zoneId = alert.ZoneId,
            zone = alert.Label,
            level = (level ?? alert.Level).Name(),
            value = value ?? alert.PeakValue,
            unit = alert.Unit,
            startSeconds = alert.TsStart,
            endSeconds = alert.TsEnd,
            acknowledgedBy = alert.AcknowledgedBy,
            url = DashboardUrl(subject.VideoId),
        });

    /// <param name="type"><see cref="NotificationEventTypes.CameraOnline"/> or <see cref="NotificationEventTypes.CameraOffline"/>.</param>
    /// <param name="subject">The camera.</param>
    /// <param name="state">Its connection state now, in the body as its lower-case word (<c>online</c>, <c>reconnecting</c>, <c>offline</c>).</param>
    public NotificationEvent ForCamera(string type, EventSubject subject, CameraConnection state) =>
        Create(subject.UserId, type, subject.VideoId, level: null, $"{subject.VideoId}", new
        {
            source = subject.KindName,
            videoId = subject.VideoId,
            name = subject.Name,
            state,
            url = DashboardUrl(subject.VideoId),
        });

    /// <summary>analysis.completed or analysis.failed for <paramref name="video"/>'s status; null for any other status.</summary>
    public NotificationEvent? ForAnalysis(Video video)
    {
        string? type = video.Status switch
        {
            VideoStatus.Completed => NotificationEventTypes.AnalysisCompleted,
            VideoStatus.Failed => NotificationEventTypes.AnalysisFailed,
            _ => null,
        };
        return type is null ? null : Create(video.UserId, type, video.Id, level: null, $"{video.Id}", new
        {
            source = EventSubject.From(video).KindName,
            videoId = video.Id,
            name = video.FileName,
            status = video.Status.ToString().ToLowerInvariant(),
            error = video.Error,
            frames = video.AnalysedFrames,
            seconds = video.AnalysisSeconds,
            url = DashboardUrl(video.Id),
        });
    }

    /// <summary>A test event for one channel only.</summary>
    public NotificationEvent Test(string userId, NotificationChannel channel)
    {
        var row = Create(userId, NotificationEventTypes.Test, videoId: null, level: null, zoneKey: null, new
        {
            channelId = channel.Id,
            channel = channel.Name,
            message = "A test event from CrowdPortal: this channel works.",
        });
        row.ChannelId = channel.Id;
        return row;
    }

    private NotificationEvent Create(string userId, string type, long? videoId, AlertLevel? level, string? zoneKey, object data)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        string body = JsonSerializer.Serialize(new { type, timestamp = now, data }, JsonSerializerOptions.Web);
        return new NotificationEvent { UserId = userId, Type = type, VideoId = videoId, Level = level, ZoneKey = zoneKey, Body = body, CreatedAt = now };
    }

    private string DashboardUrl(long videoId) => $"{_portalUrl}/Dashboard/{videoId}";
}
