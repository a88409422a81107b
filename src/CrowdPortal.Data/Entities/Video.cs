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

    public AppUser? User { get; set; }

    /// <summary>Duration in seconds, from the frame count and frame rate the decoder reported.</summary>
    public double DurationSeconds => Fps > 0 ? FrameCount / Fps : 0;
}
