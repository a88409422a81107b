namespace CrowdPortal.Core.Evaluation;

/// <summary>Everything <see cref="TrackingEvaluator"/> measures: CLEAR MOT, identity, and how many frames were scored.</summary>
public sealed record TrackingScores(int FramesScored, ClearMotScores ClearMot, IdentityScores Identity);
