namespace CrowdPortal.Vision.Pipeline;

/// <summary>How long the stages of one <c>Detect</c> call took, in milliseconds.</summary>
public readonly record struct DetectorStageTimes(double PreprocessMs, double InferenceMs, double PostprocessMs);
