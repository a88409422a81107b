namespace CrowdPortal.Cli.Commands;

/// <summary>Count error over the frames present in both the truth and the predictions.</summary>
/// <param name="Frames">Frames compared.</param>
/// <param name="Mae">Mean absolute error.</param>
/// <param name="Rmse">Root mean squared error.</param>
/// <param name="Bias">Mean of (predicted − true): negative means undercounting.</param>
internal readonly record struct CountError(int Frames, double Mae, double Rmse, double Bias)
{
    public static CountError Compare(IReadOnlyDictionary<long, int> truth, IReadOnlyDictionary<long, int> predicted)
    {
        int n = 0;
        double absSum = 0, sqSum = 0, sum = 0;
        foreach ((long frame, int expected) in truth)
        {
            if (!predicted.TryGetValue(frame, out int actual))
            {
                continue;
            }

            double diff = actual - expected;
            n++;
            absSum += Math.Abs(diff);
            sqSum += diff * diff;
            sum += diff;
        }

        return n == 0 ? new CountError(0, 0, 0, 0) : new CountError(n, absSum / n, Math.Sqrt(sqSum / n), sum / n);
    }
}
