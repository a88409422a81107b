namespace CrowdPortal.Core.Evaluation;

/// <summary>
/// Identity figures (Ristani et al. 2016): each truth person is paired with at most one hypothesis id for the whole
/// sequence, choosing the pairing that maximises the boxes they share; boxes outside that pairing are identity misses.
/// </summary>
/// <param name="IdTruePositives">Truth boxes covered (IoU ≥ threshold) by the hypothesis id paired with their person.</param>
/// <param name="IdFalsePositives">Hypothesis boxes not covered by the truth person paired with their id.</param>
/// <param name="IdFalseNegatives">Truth boxes not covered by the hypothesis id paired with their person.</param>
public sealed record IdentityScores(int IdTruePositives, int IdFalsePositives, int IdFalseNegatives)
{
    /// <summary>Identity precision: IDTP / (IDTP + IDFP).</summary>
    public double Idp => Ratio(IdTruePositives, IdTruePositives + IdFalsePositives);

    /// <summary>Identity recall: IDTP / (IDTP + IDFN).</summary>
    public double Idr => Ratio(IdTruePositives, IdTruePositives + IdFalseNegatives);

    /// <summary>Identity F1: 2·IDTP / (2·IDTP + IDFP + IDFN).</summary>
    public double Idf1 => Ratio(2 * IdTruePositives, (2 * IdTruePositives) + IdFalsePositives + IdFalseNegatives);

    private static double Ratio(int numerator, int denominator) => denominator == 0 ? 0 : numerator / (double)denominator;
}
