using System.Globalization;
using CrowdPortal.Tests.Shared;

namespace CrowdPortal.Cli.Tests;

/// <summary>
/// The golden accuracy check: the default detector (the int8 NanoDet) and the float NanoDet it is quantised from count
/// people on all of vtest.avi against the hand counts of every 10th frame (eval/vtest-truth.csv) with a mean absolute
/// error of at most 0.30 people per frame (issue 12's target; 0.250 and 0.275 reached with the low-score stage and hidden
/// people, 0.488 before; eval/README.md). Fails when a detector, threshold or counting change counts worse.
/// </summary>
public sealed class CountAccuracyTests
{
    private const double MaxMae = 0.30;

    [Theory]
    [InlineData("nanodet-int8")]
    [InlineData("nanodet")]
    public void Eval_VtestHandCounts_MaeAtMostAThirdOfAPerson(string model)
    {
        string truth = Path.Combine(RepoPaths.Root, "eval", "vtest-truth.csv");

        CliRun run = CliRun.Invoke("eval", RepoPaths.SampleVideo, "--truth", truth, "--model", model, "--models-dir", TestModels.Dir);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(80, ReadFigure(run.Out, "frames"));
        double mae = ReadFigure(run.Out, "MAE");
        Assert.True(mae <= MaxMae, $"MAE rose to {mae:0.000} (at most {MaxMae}):\n{run.Out}");
    }

    private static double ReadFigure(string output, string name)
    {
        string line = output.Split('\n').Single(l => l.StartsWith(name + ":", StringComparison.Ordinal));
        return double.Parse(line[(name.Length + 1)..].Trim().Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
