using System.Globalization;
using CrowdPortal.Tests.Shared;

namespace CrowdPortal.Cli.Tests;

public sealed class EvalCommandTests
{
    [Fact]
    public void Eval_SmallTruthFile_PrintsErrorsOfThePerFrameCounts()
    {
        using var temp = new TempFolder();
        CliRun analyzed = CliRun.Invoke(
            "analyze", RepoPaths.SampleVideo, "--models-dir", TestModels.Dir, "--max-frames", "21", "--per-frame", temp.File("frames.csv"));
        Assert.True(analyzed.ExitCode == 0, analyzed.Error);
        Dictionary<int, int> predicted = File.ReadAllLines(temp.File("frames.csv")).Skip(1)
            .Select(l => l.Split(','))
            .ToDictionary(c => int.Parse(c[0], CultureInfo.InvariantCulture), c => int.Parse(c[2], CultureInfo.InvariantCulture));

        // A subset of frames, one outside the analysed range (ignored).
        (int Frame, int Count)[] truth = [(0, 3), (10, 4), (20, 6), (500, 5)];
        string truthFile = temp.Write("truth.csv", "frame_index,count\n" + string.Join("\n", truth.Select(t => $"{t.Frame},{t.Count}")) + "\n");

        CliRun run = CliRun.Invoke("eval", RepoPaths.SampleVideo, "--truth", truthFile, "--models-dir", TestModels.Dir, "--max-frames", "21");

        Assert.True(run.ExitCode == 0, run.Error);
        double[] diffs = truth.Take(3).Select(t => (double)(predicted[t.Frame] - t.Count)).ToArray();
        Assert.Equal(3, ReadFigure(run.Out, "frames"));
        Assert.Equal(diffs.Average(Math.Abs), ReadFigure(run.Out, "MAE"), precision: 3);
        Assert.Equal(Math.Sqrt(diffs.Average(d => d * d)), ReadFigure(run.Out, "RMSE"), precision: 3);
        Assert.Equal(diffs.Average(), ReadFigure(run.Out, "bias"), precision: 3);
    }

    [Theory]
    [InlineData("empty file", "", "empty")]
    [InlineData("wrong columns", "frame,people\n0,3\n", "frame_index,count")]
    [InlineData("negative count", "frame_index,count\n0,-2\n", "line 2")]
    [InlineData("not a number", "frame_index,count\nzero,3\n", "whole numbers")]
    public void Eval_BadTruthFile_FailsWithOneLine(string label, string content, string expected)
    {
        using var temp = new TempFolder();
        string truthFile = temp.Write("truth.csv", content);

        CliRun run = CliRun.Invoke("eval", RepoPaths.SampleVideo, "--truth", truthFile, "--models-dir", TestModels.Dir);

        Assert.Equal(1, run.ExitCode);
        Assert.Single(run.ErrorLines);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.NotNull(label);
    }

    [Fact]
    public void Eval_TracksTruthFromTheSameTracker_ScoresPerfectly()
    {
        // The tracker's own --tracks output used as ground truth: every box matches its own id, so MOTA and IDF1 are 1.
        using var temp = new TempFolder();
        CliRun analyzed = CliRun.Invoke("analyze", RepoPaths.SampleVideo, "--models-dir", TestModels.Dir, "--max-frames", "30", "--tracks", temp.File("gt.txt"));
        Assert.True(analyzed.ExitCode == 0, analyzed.Error);

        CliRun run = CliRun.Invoke(
            "eval", RepoPaths.SampleVideo, "--tracks-truth", temp.File("gt.txt"), "--frames", "0-29", "--models-dir", TestModels.Dir);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(1.0, ReadFigure(run.Out, "MOTA"), precision: 3);
        Assert.Equal(1.0, ReadFigure(run.Out, "IDF1"), precision: 3);
        Assert.Equal(0, ReadFigure(run.Out, "IDSW"));
        Assert.Equal(0, ReadFigure(run.Out, "FP"));
    }

    [Theory]
    [InlineData("missing truth options", new[] { "--frames", "0-9" }, "--tracks-truth")]
    [InlineData("bad range", new[] { "--tracks-truth", "gt.txt", "--frames", "9-3" }, "A <= B")]
    [InlineData("truth file absent", new[] { "--tracks-truth", "absent.txt" }, "not found")]
    [InlineData("0-based frame in the truth", new[] { "--tracks-truth", "zero.txt" }, "1-based")]
    [InlineData("truth after the analysed frames", new[] { "--tracks-truth", "late.txt", "--frames", "0-4" }, "no frame")]
    public void Eval_BadTracksTruth_FailsWithOneLine(string label, string[] options, string expected)
    {
        using var temp = new TempFolder();
        temp.Write("gt.txt", "1,1,10,10,20,40,1,-1,-1,-1\n");
        temp.Write("zero.txt", "0,1,10,10,20,40,1,-1,-1,-1\n");
        temp.Write("late.txt", "100,1,10,10,20,40,1,-1,-1,-1\n");
        string[] args = ["eval", RepoPaths.SampleVideo, "--models-dir", TestModels.Dir, .. options.Select(o => o.EndsWith(".txt", StringComparison.Ordinal) ? temp.File(o) : o)];

        CliRun run = CliRun.Invoke(args);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Single(run.ErrorLines);
        Assert.True(run.Error.Contains(expected, StringComparison.Ordinal), $"{label}: {run.Error}");
    }

    private static double ReadFigure(string output, string name)
    {
        string line = output.Split('\n').Single(l => l.StartsWith(name + ":", StringComparison.Ordinal));
        return double.Parse(line[(name.Length + 1)..].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture);
    }
}
