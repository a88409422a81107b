using System.Diagnostics;
using CrowdPortal.Tests.Shared;
using CrowdPortal.Vision.Models;

namespace CrowdPortal.Cli.Tests;

public sealed class OtherCommandTests
{
    [Fact]
    public void Bench_FewFrames_PrintsStageMediansAndCpuUseForTheModelAndHog()
    {
        CliRun run = CliRun.Invoke("bench", RepoPaths.SampleVideo, "--frames", "4", "--models-dir", TestModels.Dir);

        Assert.True(run.ExitCode == 0, run.Error);
        string[] lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("bench vtest.avi: 4 frames", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^median ms/frame\s+nanodet(-int8)?\s+hog$", lines[1]);
        foreach (string row in (string[])["decode", "detect (all)", "tracking+counting", "end-to-end frames/s", "times real time", "CPU ms/frame", "CPU use (% of cores)", "peak RSS (MiB)"])
        {
            Assert.Matches(@"^" + System.Text.RegularExpressions.Regex.Escape(row) + @"\s+\d+(\.\d+)?\s+\d+(\.\d+)?$", lines.Single(l => l.StartsWith(row, StringComparison.Ordinal)));
        }
    }

    [Fact]
    public void Models_ListsTheCatalogWithTheDefaultMarkedAndHog()
    {
        CliRun run = CliRun.Invoke("models", "--models-dir", TestModels.Dir);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains(run.Out.Split('\n'), l => l.StartsWith("* nanodet", StringComparison.Ordinal));
        Assert.Contains(run.Out.Split('\n'), l => l.StartsWith("  hog", StringComparison.Ordinal));
    }

    [Fact]
    public void Models_EmptyFolder_MarksHogAsDefault()
    {
        using var temp = new TempFolder();

        CliRun run = CliRun.Invoke("models", "--models-dir", temp.Path);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains(run.Out.Split('\n'), l => l.StartsWith("* hog", StringComparison.Ordinal));
    }

    [Fact]
    public void ModelsStale_EmptyFolder_ListsEveryDefaultModelWithItsReason()
    {
        using var temp = new TempFolder();

        CliRun run = CliRun.Invoke("models", "--models-dir", temp.Path, "--stale");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(
            new[] { "nanodet nanodet.onnx is missing", "centernet centernet.onnx is missing", "nanodet-int8 nanodet-int8.onnx is missing" },
            run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void ImportModel_NanoDet_WritesOnnxAndSidecarThatAnalyzeCanUse()
    {
        using var temp = new TempFolder();
        string source = Path.Combine(RepoPaths.Root, DefaultModels.HumanModelsRelativeDir, "nanodet.json");
        string output = temp.File("people.onnx");

        CliRun run = CliRun.Invoke("import-model", source, output, "--format", "nanodet");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.True(new FileInfo(output).Length > 1_000_000);
        ModelSidecar sidecar = ModelCatalog.Parse(File.ReadAllText(temp.File("people.json")));
        Assert.Equal(ModelFormats.NanoDet, sidecar.Format);

        CliRun analyze = CliRun.Invoke("analyze", RepoPaths.SampleVideo, "--model", "people", "--models-dir", temp.Path, "--max-frames", "2");
        Assert.True(analyze.ExitCode == 0, analyze.Error);
        Assert.Contains("with people", analyze.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_NoModelInAnEmptyModelsDir_ImportsTheDefaultsFromNodeModules()
    {
        using var temp = new TempFolder();
        string modelsDir = Path.Combine(temp.Path, "models");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.Environment["CROWDPORTAL_MODELS_DIR"] = modelsDir;
        foreach (string arg in (string[])[Path.Combine(AppContext.BaseDirectory, "crowdportal.dll"), "analyze", RepoPaths.SampleVideo, "--max-frames", "2"])
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start)!;
        string stdout = process.StandardOutput.ReadToEnd();
        string stderr = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(120_000));

        Assert.True(process.ExitCode == 0, stderr);
        Assert.Contains("with nanodet", stdout, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(modelsDir, "nanodet.onnx")));
        Assert.True(File.Exists(Path.Combine(modelsDir, "nanodet.json")));
    }

    [Fact]
    public void Help_PrintsUsageOfEveryCommand()
    {
        CliRun run = CliRun.Invoke("--help");

        Assert.Equal(0, run.ExitCode);
        foreach (string command in (string[])["analyze", "eval", "bench", "import-model", "models"])
        {
            Assert.Contains("  " + command + " ", run.Out + " ", StringComparison.Ordinal);
        }
    }
}
