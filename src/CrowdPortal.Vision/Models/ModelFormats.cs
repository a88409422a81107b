namespace CrowdPortal.Vision.Models;

/// <summary>The sidecar <c>format</c> values the detector factory knows.</summary>
public static class ModelFormats
{
    public const string NanoDet = "nanodet";
    public const string CenterNet = "centernet";
    public const string Yolo = "yolo";
    public const string Ssd = "ssd";

    /// <summary>All known formats, for messages.</summary>
    public static readonly IReadOnlyList<string> All = [NanoDet, CenterNet, Yolo, Ssd];
}
