namespace CrowdPortal.Web.Notifications;

/// <summary>The event types a channel can subscribe to.</summary>
public static class NotificationEventTypes
{
    public const string AlertStarted = "alert.started";
    public const string AlertEnded = "alert.ended";

    /// <summary>An open alert rose from warning to critical (not in the list: without it that change would be silent).</summary>
    public const string AlertEscalated = "alert.escalated";
    public const string AlertAcknowledged = "alert.acknowledged";
    public const string CameraOffline = "camera.offline";
    public const string CameraOnline = "camera.online";
    public const string AnalysisCompleted = "analysis.completed";
    public const string AnalysisFailed = "analysis.failed";

    /// <summary>Sent by "Send a test event" to one channel, whatever it subscribes to.</summary>
    public const string Test = "test";

    public static readonly IReadOnlyList<string> All =
        [AlertStarted, AlertEscalated, AlertEnded, AlertAcknowledged, CameraOffline, CameraOnline, AnalysisCompleted, AnalysisFailed];
}
