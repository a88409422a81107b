using System.Globalization;
using CrowdPortal.Tests.Shared;
using OpenCvSharp;

namespace CrowdPortal.Cli.Tests;

public sealed class AnalyzeCommandTests
{
    [Fact]
    public void Analyze_WholeSampleVideoWithZones_WritesEveryOutput()
    {
        using var temp = new TempFolder();
        string zones = temp.Write("zones.json", SampleZones.HalvesAndLine);

        CliRun run = CliRun.Invoke(
            "analyze", RepoPaths.SampleVideo, "--zones", zones, "--models-dir", TestModels.Dir,
            "--per-frame", temp.File("frames.csv"), "--counts", temp.File("counts.csv"),
            "--tracks", temp.File("tracks.txt"), "--heatmap", temp.File("heat.png"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal("", run.Error);
        Assert.Contains("analysed 795 of 795 frames", run.Out, StringComparison.Ordinal);

        string[] frames = File.ReadAllLines(temp.File("frames.csv"));
        Assert.Equal("frame,time_s,people,Left half,Right half,Middle", frames[0]);
        Assert.Equal(796, frames.Length);
        for (int i = 1; i < frames.Length; i++)
        {
            string[] cells = frames[i].Split(',');
            Assert.Equal(6, cells.Length);
            Assert.Equal((i - 1).ToString(CultureInfo.InvariantCulture), cells[0]);
            Assert.Equal((i - 1) / 10.0, double.Parse(cells[1], CultureInfo.InvariantCulture), precision: 3);
            int people = int.Parse(cells[2], CultureInfo.InvariantCulture);
            Assert.InRange(people, 0, 20);
            Assert.True(int.Parse(cells[3], CultureInfo.InvariantCulture) + int.Parse(cells[4], CultureInfo.InvariantCulture) <= 20);
        }

        Assert.True(frames.Skip(1).Count(l => l.Split(',')[2] != "0") > 700, "vtest.avi shows people in nearly every frame");

        string[] counts = File.ReadAllLines(temp.File("counts.csv"));
        Assert.Equal("time_s,zone_id,label,current,peak,entries,exits,density", counts[0]);
        var rows = counts.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.All(rows, r => Assert.Equal(8, r.Length));

        // 795 frames at 10 fps = intervals 0..79 s, each with the whole-frame series and the three zones.
        var perSecond = rows.GroupBy(r => r[0]).ToList();
        Assert.Equal(80, perSecond.Count);
        Assert.All(perSecond, g => Assert.Equal(["frame", "left", "mid", "right"], g.Select(r => r[1]).Order().ToArray()));
        Assert.Equal(Enumerable.Range(0, 80).Select(s => s.ToString(CultureInfo.InvariantCulture)), perSecond.Select(g => g.Key));
        Assert.All(rows.Where(r => r[1] == "right"), r => Assert.NotEqual("", r[7]));
        Assert.All(rows.Where(r => r[1] == "left"), r => Assert.Equal("", r[7]));
        Assert.All(rows.Where(r => r[1] == "left"), r => Assert.Equal("Left half", r[2]));

        string[] tracks = File.ReadAllLines(temp.File("tracks.txt"));
        Assert.NotEmpty(tracks);
        Assert.All(tracks, line =>
        {
            string[] f = line.Split(',');
            Assert.Equal(10, f.Length);
            Assert.InRange(int.Parse(f[0], CultureInfo.InvariantCulture), 1, 795);
            Assert.True(int.Parse(f[1], CultureInfo.InvariantCulture) >= 1);
            Assert.True(double.Parse(f[4], CultureInfo.InvariantCulture) > 0 && double.Parse(f[5], CultureInfo.InvariantCulture) > 0);
            Assert.InRange(double.Parse(f[6], CultureInfo.InvariantCulture), 0, 1);
            Assert.Equal(["-1", "-1", "-1"], f[7..]);
        });

        using Mat heat = Cv2.ImRead(temp.File("heat.png"), ImreadModes.Color);
        Assert.Equal((768, 576), (heat.Width, heat.Height));
    }

    [Fact]
    public void Analyze_StrideAndMaxFrames_WritesEveryNthFrameOnly()
    {
        using var temp = new TempFolder();

        CliRun run = CliRun.Invoke(
            "analyze", RepoPaths.SampleVideo, "--models-dir", TestModels.Dir, "--stride", "5", "--max-frames", "50",
            "--per-frame", temp.File("frames.csv"));

        Assert.True(run.ExitCode == 0, run.Error);
        string[] lines = File.ReadAllLines(temp.File("frames.csv"));
        Assert.Equal("frame,time_s,people", lines[0]);
        Assert.Equal(["0", "5", "10", "15", "20", "25", "30", "35", "40", "45"], lines.Skip(1).Select(l => l.Split(',')[0]));
    }

    [Fact]
    public void Analyze_ModelGivenAsOnnxPath_UsesItsSidecar()
    {
        using var temp = new TempFolder();

        CliRun run = CliRun.Invoke(
            "analyze", RepoPaths.SampleVideo, "--model", Path.Combine(TestModels.Dir, "nanodet.onnx"), "--max-frames", "3",
            "--per-frame", temp.File("frames.csv"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("with nanodet", run.Out, StringComparison.Ordinal);
        Assert.Equal(4, File.ReadAllLines(temp.File("frames.csv")).Length);
    }
}
