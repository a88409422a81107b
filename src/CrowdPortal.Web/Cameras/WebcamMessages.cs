using CrowdPortal.Core.Alerts;
using CrowdPortal.Web.Analysis;

namespace CrowdPortal.Web.Cameras;

/// <summary>A zone's count in a webcam result, with its label so the page needs no second lookup.</summary>
public sealed record WebcamZoneCount(string ZoneId, string Label, int Current, double? Density, AlertLevel Level);

/// <summary>
/// The <see cref="Hubs.IWebcamClient.Result"/> the webcam hub sends back to the page for each analysed frame. <c>capturedAtMs</c> echoes the
/// page's own timestamp of that frame, so the page can measure capture → count latency on its own clock. Boxes are
/// normalised to 0..1.
/// </summary>
public sealed record WebcamResult(long CameraId, double CapturedAtMs, int People, IReadOnlyList<TrackBox> Tracks, IReadOnlyList<WebcamZoneCount> Zones,
    long FramesDropped);
