using CrowdPortal.Data.Entities;

namespace CrowdPortal.Web.Cameras;

/// <summary>What changed about a camera (IP camera or webcam) while it may be running somewhere.</summary>
public enum CameraChangeKind
{
    /// <summary>Its zones were replaced: a running camera counts with the new ones from its next frame.</summary>
    Zones,

    /// <summary>Its privacy level changed: pictures are made for <see cref="CameraChange.Privacy"/> from now on.</summary>
    Privacy,
}

/// <summary>One notification of <see cref="CameraChanges"/>; <c>Privacy</c> is the new level of a privacy change.</summary>
public sealed record CameraChange(long CameraId, CameraChangeKind Kind, PrivacyLevel Privacy = PrivacyLevel.Off)
{
    public static CameraChange ZonesOf(long cameraId) => new(cameraId, CameraChangeKind.Zones);

    public static CameraChange PrivacyOf(long cameraId, PrivacyLevel level) => new(cameraId, CameraChangeKind.Privacy, level);
}
