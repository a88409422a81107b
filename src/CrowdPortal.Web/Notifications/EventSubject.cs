using CrowdPortal.Data.Entities;

namespace CrowdPortal.Web.Notifications;

/// <summary>The video or camera an event is about, and its owner (whose channels receive it).</summary>
public sealed record EventSubject(long VideoId, string UserId, string Name, VideoSourceKind Kind)
{
    public static EventSubject From(Video video) => new(video.Id, video.UserId, video.FileName, video.SourceKind);

    /// <summary><c>video</c> for an upload, <c>camera</c> for an IP camera or a webcam.</summary>
    public string KindName => Kind == VideoSourceKind.Upload ? "video" : "camera";
}
