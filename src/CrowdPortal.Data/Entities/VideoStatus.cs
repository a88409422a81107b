namespace CrowdPortal.Data.Entities;

/// <summary>Where a video is in its life: uploaded and checked, queued for analysis, analysing, done or failed.</summary>
public enum VideoStatus
{
    Uploaded = 0,
    Queued = 1,
    Analysing = 2,
    Completed = 3,
    Failed = 4,
    Cancelled = 5,
}
