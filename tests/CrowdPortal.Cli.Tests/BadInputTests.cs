using System.Diagnostics;
using CrowdPortal.Tests.Shared;

namespace CrowdPortal.Cli.Tests;

/// <summary>Every bad input ends with exactly one "crowdportal: ..." line on stderr, a non-zero exit and no stack trace.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public static TheoryData<string, string[], int, string> Cases => new()
    {
        { "no arguments", [], 2, "missing command" },
        { "unknown command", ["frobnicate"], 2, "unknown command 'frobnicate'" },
        { "unknown option", ["analyze", "{video}", "--colour", "red"], 2, "unknown option '--colour'" },
        { "unknown short option", ["analyze", "{video}", "-x"], 2, "unknown option '-x'" },
        { "option without value", ["analyze", "{video}", "--stride"], 2, "'--stride' needs a value" },
        { "stride zero", ["analyze", "{video}", "--stride", "0"], 2, "at least 1" },
        { "option twice", ["analyze", "{video}", "--stride", "2", "--stride", "3"], 2, "given twice" },
        { "missing video argument", ["analyze"], 2, "missing video file" },
        { "extra argument", ["analyze", "{video}", "{video}"], 2, "unexpected argument" },
        { "missing video file", ["analyze", "/nonexistent/clip.avi"], 1, "video file not found: /nonexistent/clip.avi" },
        { "text file renamed .avi", ["analyze", "{text.avi}"], 1, "cannot open 'text.avi'" },
        { "zones with a 2-point polygon", ["analyze", "{video}", "--zones", "{two-point.json}"], 1, "needs at least 3 points" },
        { "zones file missing", ["analyze", "{video}", "--zones", "/nonexistent/zones.json"], 1, "zones file not found" },
        { "zones file not JSON", ["analyze", "{video}", "--zones", "{text.avi}"], 1, "bad zones file" },
        { "unknown model name", ["analyze", "{video}", "--model", "yolo-huge", "--models-dir", "{models}"], 1, "unknown model 'yolo-huge'" },
        { "model path missing", ["analyze", "{video}", "--model", "/nonexistent/m.onnx"], 1, "model file not found" },
        { "eval without truth", ["eval", "{video}"], 2, "missing --truth" },
        { "eval truth missing", ["eval", "{video}", "--truth", "/nonexistent/t.csv"], 1, "truth file not found" },
        { "bench missing video", ["bench", "/nonexistent/clip.avi"], 1, "video file not found" },
        { "bench frames not a number", ["bench", "{video}", "--frames", "many"], 2, "whole number" },
        { "import-model missing json", ["import-model", "/nonexistent/nanodet.json", "{out.onnx}"], 1, "model file not found" },
        { "import-model unknown format", ["import-model", "/nonexistent/m.json", "{out.onnx}"], 2, "--format" },
        { "import-model output not onnx", ["import-model", "/nonexistent/nanodet.json", "out.txt"], 2, ".onnx" },
        { "import-model int8 without a calibration video", ["import-model", "/nonexistent/nanodet.json", "{out.onnx}", "--quantize", "int8"], 2, "--calibrate" },
        { "import-model unknown quantisation", ["import-model", "/nonexistent/nanodet.json", "{out.onnx}", "--quantize", "int4", "--calibrate", "{video}"], 2, "int8" },
        { "import-model calibration video missing", ["import-model", "/nonexistent/nanodet.json", "{out.onnx}", "--quantize", "int8", "--calibrate", "/nonexistent/v.avi"], 1, "calibration video not found" },
        { "analyze workers zero", ["analyze", "{video}", "--workers", "0"], 2, "workers" },
        { "unknown tiling mode", ["analyze", "{video}", "--tiling", "sometimes", "--models-dir", "{models}"], 2, "--tiling must be one of: off, auto, on" },
        { "far area outside the frame", ["analyze", "{video}", "--far-area", "0.8,0,0.5,0.5", "--models-dir", "{models}"], 2, "--far-area must be x,y,w,h" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void BadInput_OneLineOnStderrAndNonZeroExit(string label, string[] args, int exitCode, string expected)
    {
        CliRun run = CliRun.Invoke(args.Select(Resolve).ToArray());

        Assert.True(exitCode == run.ExitCode, $"{label}: exit {run.ExitCode}, stderr: {run.Error}");
        string line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("crowdportal: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }

    /// <summary>As a real process, so native libraries writing to stderr themselves (OpenCV, FFmpeg) would show up too.</summary>
    [Theory]
    [InlineData("missing file", new[] { "analyze", "/nonexistent/clip.avi" }, 1, "video file not found")]
    [InlineData("text file renamed .avi", new[] { "analyze", "{text.avi}" }, 1, "cannot open 'text.avi'")]
    [InlineData("zones with a 2-point polygon", new[] { "analyze", "{video}", "--zones", "{two-point.json}" }, 1, "at least 3 points")]
    [InlineData("unknown option", new[] { "analyze", "{video}", "--nope" }, 2, "unknown option")]
    public void BadInput_AsAProcess_PrintsOneLineAndExitCode(string label, string[] args, int exitCode, string expected)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "crowdportal.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(Resolve(arg));
        }

        using Process process = Process.Start(start)!;
        string stdout = process.StandardOutput.ReadToEnd();
        string stderr = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(60_000), label);

        Assert.Equal(exitCode, process.ExitCode);
        string line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("crowdportal: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.Equal("", stdout);
    }

    public void Dispose() => _temp.Dispose();

    private string Resolve(string arg) => arg switch
    {
        "{video}" => RepoPaths.SampleVideo,
        "{models}" => TestModels.Dir,
        "{text.avi}" => _temp.Write("text.avi", "this is just text, not a video\n"),
        "{two-point.json}" => _temp.Write("two-point.json", SampleZones.TwoPointPolygon),
        "{out.onnx}" => _temp.File("out.onnx"),
        _ => arg,
    };
}
