using CrowdPortal.Cli.Commands;

namespace CrowdPortal.Cli.Tests;

public sealed class CountErrorTests
{
    public static TheoryData<string, (long, int)[], (long, int)[], (int Frames, double Mae, double Rmse, double Bias)> Cases => new()
    {
        { "empty truth", [], [(0, 3)], (0, 0, 0, 0) },
        { "no frame in common", [(5, 3)], [(0, 3)], (0, 0, 0, 0) },
        { "perfect", [(0, 3), (1, 4)], [(0, 3), (1, 4)], (2, 0, 0, 0) },
        { "overcount by one", [(0, 3), (1, 4)], [(0, 4), (1, 5)], (2, 1, 1, 1) },
        { "mixed errors", [(0, 3), (1, 4)], [(0, 1), (1, 5)], (2, 1.5, Math.Sqrt(2.5), -0.5) },
        { "only frames in both count", [(0, 3), (9, 9)], [(0, 5), (1, 0)], (1, 2, 2, 2) },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Compare_ComputesMaeRmseAndBiasOverCommonFrames(string label, (long, int)[] truth, (long, int)[] predicted, (int Frames, double Mae, double Rmse, double Bias) expected)
    {
        CountError actual = CountError.Compare(truth.ToDictionary(t => t.Item1, t => t.Item2), predicted.ToDictionary(p => p.Item1, p => p.Item2));

        Assert.True(expected.Frames == actual.Frames, label);
        Assert.Equal(expected.Mae, actual.Mae, precision: 9);
        Assert.Equal(expected.Rmse, actual.Rmse, precision: 9);
        Assert.Equal(expected.Bias, actual.Bias, precision: 9);
    }
}
