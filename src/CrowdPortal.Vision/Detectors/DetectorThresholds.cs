namespace CrowdPortal.Vision.Detectors;

/// <summary>Which class is a person in a model's output, and the score and overlap limits applied to it.</summary>
/// <param name="PersonClass">Index of the person class in the model's class outputs.</param>
/// <param name="ScoreThreshold">Minimum score for a box to be kept (applied before NMS).</param>
/// <param name="NmsIou">Boxes overlapping a better one by more than this IoU are dropped.</param>
/// <param name="ConfidentScore">See <see cref="IPersonDetector.ConfidentScore"/>; 0 = every kept box is confident.</param>
internal sealed record DetectorThresholds(int PersonClass, float ScoreThreshold, float NmsIou, float ConfidentScore = 0f);
