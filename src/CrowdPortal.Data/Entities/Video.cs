using CrowdPortal.Core.Analysis;

namespace CrowdPortal.Data.Entities;

/// <summary>An uploaded video (or, later, a camera) owned by one user.</summary>
public class Video
{
    public long Id { get; set; }

    public required string UserId { get; set; }

    /// <summary>The name the user uploaded it under. Display text only: never used to build a path.</summary>
    public required string FileName { get; set; }

    /// <summary>Path of the stored file relative to the uploads root: <c>&lt;userId&gt;/&lt;generated name&gt;</c>.</summary>
    public required string StoredPath { get; set; }

    public long SizeBytes { get; set; }

    public VideoSourceKind SourceKind { get; set; } = VideoSourceKind.Upload;

    public VideoStatus Status { get; set; } = VideoStatus.Uploaded;

    /// <summary>Analysis progress, 0..1.</summary>
    public double Progress { get; set; }

    public int FrameCount { get; set; }

    public double Fps { get; set; }

    public int Width { get; set; }

    public int Height { get; set; }

    /// <summary>Why the last analysis failed, in words a user understands; null when it did not.</summary>
    public string? Error { get; set; }

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    /// <summary>The detector model the last analysis used (catalog name), or null for the default.</summary>
    public string? ModelName { get; set; }

    public DateTime? AnalysisStartedAt { get; set; }

    public DateTime? AnalysisFinishedAt { get; set; }

    /// <summary>Frames the last analysis got through.</summary>
    public int AnalysedFrames { get; set; }

    /// <summary>Wall-clock seconds the last completed analysis took.</summary>
    public double? AnalysisSeconds { get; set; }

    /// <summary>
    /// A camera's stream URL encrypted with ASP.NET Data Protection (purpose <c>CrowdPortal.Cameras.StreamUrl</c>);
    /// null for uploads and webcams. Never shown back: pages and the API use <see cref="StreamUrlRedacted"/>.
    /// </summary>
    public string? StreamUrlProtected { get; set; }

    /// <summary>The stream URL with its credentials replaced by <c>***</c>, for display.</summary>
    public string? StreamUrlRedacted { get; set; }

    /// <summary>For a camera: analysed server-side while true (start/stop), and restarted at app start.</summary>
    public bool Enabled { get; set; }

    /// <summary>For a camera: its connection state as last stored (null for an upload).</summary>
    public CameraConnection? ConnectionState { get; set; }

    /// <summary>For a camera or webcam: when its newest analysed frame arrived (UTC).</summary>
    public DateTime? LastFrameAt { get; set; }

    /// <summary>For a camera: count samples dropped because the database stayed unavailable longer than the buffer lasts.</summary>
    public long DroppedSamples { get; set; }

    /// <summary>Which pictures of it are kept and shown (<see cref="Entities.PrivacyLevel"/>); set from the installation default when added.</summary>
    public PrivacyLevel PrivacyLevel { get; set; } = PrivacyLevel.Off;

    /// <summary>For an upload: delete the file once an analysis has completed, keeping counts, alerts and the clean plate.</summary>
    public bool DeleteFootageAfterAnalysis { get; set; }

    /// <summary>For an upload: when its file was deleted (then only the clean plate can be shown and it cannot be analysed again).</summary>
    public DateTime? FootageDeletedAt { get; set; }

    /// <summary>
    /// Whether the detector also runs on overlapping tiles of the frame (<see cref="TilingMode"/>): <c>auto</c> (the
    /// default) tiles only frames much larger than the detector's input, so ordinary video keeps its speed.
    /// </summary>
    public TilingMode Tiling { get; set; } = TilingMode.Auto;

    /// <summary>The far area's left edge (fraction of the width); the four far-area columns are all set or all null.</summary>
    public double? FarAreaX { get; set; }

    public double? FarAreaY { get; set; }

    public double? FarAreaWidth { get; set; }

    public double? FarAreaHeight { get; set; }

    /// <summary>
    /// The area the user marked as far from the camera (<see cref="Core.Analysis.FarArea"/>), also detected on its own,
    /// enlarged, on every frame; null when none. Not a column: it reads and writes the four <c>FarArea*</c> columns.
    /// </summary>
    public FarArea? FarArea
    {
        get => FarAreaX is double x && FarAreaY is double y && FarAreaWidth is double width && FarAreaHeight is double height
            ? new FarArea(x, y, width, height)
            : null;
        set
        {
            FarAreaX = value?.X;
            FarAreaY = value?.Y;
            FarAreaWidth = value?.Width;
            FarAreaHeight = value?.Height;
        }
    }

    public AppUser? User { get; set; }

    /// <summary>Duration in seconds, from the frame count and frame rate the decoder reported.</summary>
    public double DurationSeconds => Fps > 0 ? FrameCount / Fps : 0;
}
