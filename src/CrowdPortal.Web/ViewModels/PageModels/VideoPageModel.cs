using CrowdPortal.Data.Entities;

namespace CrowdPortal.Web.ViewModels.PageModels;

/// <summary>
/// What the per-video pages (Dashboard, Graphs) render on the server: the video's facts. Everything that changes while
/// the page is open (zones, progress, counts) is fetched by the page's script from the REST API.
/// </summary>
public sealed record VideoPageModel(VideoDto Video, string? PrivacyMessage = null)
{
    /// <summary>A live camera (IP or webcam) rather than an uploaded file: no analysis button, no replay slider.</summary>
    public bool IsCamera => Video.SourceKind != VideoSourceKind.Upload;

    /// <summary>What the video's privacy level means for its pictures.</summary>
    public string PrivacyDescription =>
        Privacy.PrivacyLevels.Describe(Privacy.PrivacyLevels.TryParse(Video.PrivacyLevel, out var level) ? level : Data.Entities.PrivacyLevel.Off);

    /// <summary>True while an analysis is queued or running, so the page starts in its "live" state.</summary>
    public bool IsAnalysing => Video.Status is "queued" or "analysing";

    /// <summary>Progress as a whole percentage for the initial progress bar.</summary>
    public int ProgressPercent => (int)Math.Round(Math.Clamp(Video.Progress, 0, 1) * 100);

    /// <summary>Where the page's script sets and clears the far area: a camera's route for a camera, a video's for an upload.</summary>
    public string FarAreaUrl => $"/api/v1/{(IsCamera ? "cameras" : "videos")}/{Video.Id}/far-area";

    /// <summary>The far area as <c>x,y,width,height</c> (invariant fractions) for the page's script; empty when none.</summary>
    public string FarAreaData => Video.FarArea is { } a
        ? string.Join(',', new[] { a.X, a.Y, a.Width, a.Height }.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))
        : string.Empty;

    /// <summary>The video's length as m:ss (h:mm:ss past an hour), the way every page shows times.</summary>
    public string DurationText => TimeText.Format(Video.DurationSeconds);
}
