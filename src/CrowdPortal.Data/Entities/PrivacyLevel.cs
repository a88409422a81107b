namespace CrowdPortal.Data.Entities;

/// <summary>
/// What pictures of a video or camera the portal keeps and shows. Counting is the same at every level; only pictures
/// differ.
/// </summary>
public enum PrivacyLevel
{
    /// <summary>Frames are shown as they are.</summary>
    Off = 0,

    /// <summary>Every person found in a picture is pixelated before the picture is kept or served.</summary>
    Blur = 1,

    /// <summary>No picture of people at all: pages show a clean plate, the scene without its people.</summary>
    CountsOnly = 2,
}
