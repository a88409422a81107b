namespace CrowdPortal.Core.Evaluation;

/// <summary>
/// CLEAR MOT figures (Bernardin and Stiefelhagen 2008, as the MOTChallenge devkit computes them) over the scored frames.
/// </summary>
/// <param name="TruthBoxes">Ground-truth boxes to find (ignore regions excluded).</param>
/// <param name="Matches">Truth boxes matched to a hypothesis (true positives).</param>
/// <param name="FalsePositives">Hypothesis boxes matched to no truth box and no ignore region.</param>
/// <param name="FalseNegatives">Truth boxes matched to no hypothesis.</param>
/// <param name="IdSwitches">Matches whose hypothesis id differs from the one this person was last matched to.</param>
/// <param name="Fragmentations">Times a person's match was interrupted and later resumed.</param>
/// <param name="IouSum">Summed IoU of the matched pairs (for MOTP).</param>
/// <param name="TruthTrajectories">People (truth ids) with at least one box.</param>
/// <param name="MostlyTracked">People matched in at least 80 % of their boxes.</param>
/// <param name="MostlyLost">People matched in less than 20 % of their boxes.</param>
public sealed record ClearMotScores(
    int TruthBoxes, int Matches, int FalsePositives, int FalseNegatives, int IdSwitches, int Fragmentations, double IouSum,
    int TruthTrajectories, int MostlyTracked, int MostlyLost)
{
    /// <summary>MOT accuracy: 1 − (FN + FP + IDSW) / truth boxes; 1 is perfect and it can go below 0.</summary>
    public double Mota => TruthBoxes == 0 ? 0 : 1.0 - ((FalseNegatives + FalsePositives + IdSwitches) / (double)TruthBoxes);

    /// <summary>MOT precision as MOTChallenge reports it: the mean IoU of the matched pairs (1 = boxes fit exactly).</summary>
    public double Motp => Matches == 0 ? 0 : IouSum / Matches;
}
