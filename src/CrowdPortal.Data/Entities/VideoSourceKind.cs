namespace CrowdPortal.Data.Entities;

/// <summary>
/// What feeds a video row. Live cameras are "videos that never end", so zones, counts, alerts and CSV serve all kinds
/// from the same tables.
/// </summary>
public enum VideoSourceKind
{
    Upload = 0,
    Camera = 1,
    Webcam = 2,
}
