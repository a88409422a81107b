using System.Globalization;
using CrowdPortal.Tests.Shared;

namespace CrowdPortal.Cli.Tests;

/// <summary>
/// The real detector and tracker on vtest.avi frames 0-399 against our own identity ground truth (eval/vtest-ids.txt).
/// Fails when tracking gets worse than what was reached (MOTA 0.901, IDF1 0.835 on 2026-12-02: the default int8 NanoDet
/// and the tracker's matching cascade; 0.897 and 0.798 before, float NanoDet) by more than 0.02.
/// </summary>
public sealed class TrackingRegressionTests
{
    private const double ReachedMota = 0.901;
    private const double ReachedIdf1 = 0.835;
    private const double Tolerance = 0.02;

    [Fact]
    public void Eval_Vtest0To399_KeepsMotaAndIdf1()
    {
        string truth = Path.Combine(RepoPaths.Root, "eval", "vtest-ids.txt");

        CliRun run = CliRun.Invoke("eval", RepoPaths.SampleVideo, "--tracks-truth", truth, "--frames", "0-399", "--models-dir", TestModels.Dir);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(80, ReadFigure(run.Out, "tracking frames"));
        double mota = ReadFigure(run.Out, "MOTA");
        double idf1 = ReadFigure(run.Out, "IDF1");
        Assert.True(mota >= ReachedMota - Tolerance, $"MOTA fell to {mota:0.000} (reached {ReachedMota}):\n{run.Out}");
        Assert.True(idf1 >= ReachedIdf1 - Tolerance, $"IDF1 fell to {idf1:0.000} (reached {ReachedIdf1}):\n{run.Out}");
    }

    private static double ReadFigure(string output, string name)
    {
        string line = output.Split('\n').Single(l => l.StartsWith(name + ":", StringComparison.Ordinal));
        string value = line[(name.Length + 1)..].Trim().Split(' ')[0];
        return double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
