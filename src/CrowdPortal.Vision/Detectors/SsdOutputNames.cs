namespace CrowdPortal.Vision.Detectors;

/// <summary>
/// Names of an SSD-style model's outputs. Defaults are the TensorFlow Object Detection API's names. <see cref="Classes"/> and
/// <see cref="Count"/> are optional: without a classes output, scores must be per class ([1,N,C]).
/// </summary>
internal sealed record SsdOutputNames(
    string Boxes = "detection_boxes",
    string Scores = "detection_scores",
    string? Classes = "detection_classes",
    string? Count = "num_detections");
