namespace CrowdPortal.Vision.Pipeline;

/// <summary>
/// Median milliseconds per frame of each stage; null for a stage that was not measured (preprocess, inference and
/// postprocess need an <see cref="IStageTimedDetector"/>; otherwise only <see cref="DetectMs"/> is known).
/// </summary>
public sealed record StageTimingSummary(
    double? DecodeMs,
    double? PreprocessMs,
    double? InferenceMs,
    double? PostprocessMs,
    double? DetectMs,
    double? TrackingMs,
    double? SinksMs);
