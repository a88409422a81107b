using System.Globalization;
using CrowdPortal.Core.Zones;
using CrowdPortal.Vision.Detectors;
using CrowdPortal.Vision.Models;
using CrowdPortal.Vision.Pipeline;
using CrowdPortal.Vision.Sources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CrowdPortal.Cli.Commands;

/// <summary>
/// <c>crowdportal bench &lt;video&gt;</c>: runs the whole pipeline over the first N frames with the chosen model and then with
/// OpenCV's HOG detector, and prints the median ms/frame of each stage, end-to-end frames/s, times real time, the CPU the
/// run used (per frame, and as a share of all cores: how well the stages overlap) and peak RSS.
/// </summary>
internal static class BenchCommand
{
    public const string Usage = "bench <video> [--frames N] [--model NAME|PATH] [--models-dir DIR] [--workers N] [--no-hog]";

    /// <summary>Frames benchmarked when --frames is not given: enough for stable medians, short enough for HOG.</summary>
    public const int DefaultFrames = 200;

    private static readonly string[] ValueOptions = [.. CommonInputs.ModelOptions, "frames"];

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, ILogger logger, CancellationToken cancellationToken)
    {
        ParsedArguments parsed = ParsedArguments.Parse(args, ValueOptions, ["no-hog"]);
        string video = parsed.RequirePositional(0, "video file (usage: crowdportal " + Usage + ")");
        parsed.ExpectPositionals(1);
        int frames = parsed.PositiveInt("frames", DefaultFrames)!.Value;

        // Open once up front so a bad video fails before any model loads.
        (int Width, int Height)? frameSize;
        using (VideoFileSource probe = CommonInputs.OpenVideo(video))
        {
            frameSize = CommonInputs.FrameSize(probe);
        }

        var resolver = new ModelResolver(logger, CommonInputs.Workers(parsed), frameSize);
        string modelsDir = ModelResolver.ModelsDir(parsed.Option("models-dir"));

        var results = new List<BenchResult>();
        using (IPersonDetector detector = resolver.Create(parsed.Option("model"), modelsDir))
        {
            results.Add(await MeasureAsync(detector, video, frames, cancellationToken));
        }

        if (!parsed.Flag("no-hog") && results[0].Name != "hog")
        {
            // No logger: the factory's "falling back to HOG" warning would be misleading here, HOG is asked for.
            using IPersonDetector hog = DetectorFactory.CreateHog(NullLogger.Instance, "benchmarked for comparison");
            results.Add(await MeasureAsync(hog, video, frames, cancellationToken));
        }

        Print(console.Out, Path.GetFileName(video), results);
        return 0;
    }

    private static async Task<BenchResult> MeasureAsync(IPersonDetector detector, string video, int frames, CancellationToken cancellationToken)
    {
        using VideoFileSource source = CommonInputs.OpenVideo(video);
        var pipeline = new AnalysisPipeline(detector, ZoneSet.Empty, new AnalysisOptions { MaxFrames = frames });
        using var process = System.Diagnostics.Process.GetCurrentProcess();
        TimeSpan cpuBefore = process.TotalProcessorTime;
        AnalysisSummary summary = await pipeline.RunAsync(source, [], null, cancellationToken);
        process.Refresh();
        TimeSpan cpu = process.TotalProcessorTime - cpuBefore;
        return new BenchResult(detector.Name, pipeline.Concurrency, summary, cpu, PeakMemory.PeakResidentBytes());
    }

    private static void Print(TextWriter output, string video, List<BenchResult> results)
    {
        AnalysisSummary first = results[0].Summary;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bench {video}: {first.FramesDecoded} frames, {Environment.ProcessorCount} cores"));
        output.Write("median ms/frame".PadRight(22));
        foreach (var r in results)
        {
            output.Write(r.Name.PadLeft(12));
        }

        output.WriteLine();
        Row(output, "decode", results, s => s.Timings.DecodeMs);
        Row(output, "preprocess", results, s => s.Timings.PreprocessMs);
        Row(output, "inference", results, s => s.Timings.InferenceMs);
        Row(output, "postprocess", results, s => s.Timings.PostprocessMs);
        Row(output, "detect (all)", results, s => s.Timings.DetectMs);
        Row(output, "tracking+counting", results, s => s.Timings.TrackingMs);
        Row(output, "end-to-end frames/s", results, s => s.FramesPerSecond);
        Row(output, "times real time", results, s => s.TimesRealTime);
        Row(output, "frames at once", results, r => r.Concurrency, "0");
        Row(output, "CPU ms/frame", results, r => r.Cpu.TotalMilliseconds / Math.Max(1, r.Summary.FramesAnalysed));
        Row(output, "CPU use (% of cores)", results, r => 100 * r.Cpu.TotalSeconds / Math.Max(1e-9, r.Summary.Elapsed.TotalSeconds * Environment.ProcessorCount), "0");
        Row(output, "peak RSS (MiB)", results, r => r.PeakRss / (1024.0 * 1024.0), "0");
        output.WriteLine("(- = not measured: the detector does not time its own stages; CPU is the whole process's during the run, decode");
        output.WriteLine(" and every thread included; on a shared machine other processes lower the share and raise the times; peak RSS is");
        output.WriteLine(" the process's, cumulative across runs)");
    }

    private static void Row(TextWriter output, string label, List<BenchResult> results, Func<AnalysisSummary, double?> value) =>
        Row(output, label, results, r => value(r.Summary));

    private static void Row(TextWriter output, string label, List<BenchResult> results, Func<BenchResult, double?> value, string? format = null)
    {
        output.Write(label.PadRight(22));
        foreach (var r in results)
        {
            string text = value(r) is double v ? v.ToString(format ?? (v >= 100 ? "0.0" : "0.00"), CultureInfo.InvariantCulture) : "-";
            output.Write(text.PadLeft(12));
        }

        output.WriteLine();
    }

    private sealed record BenchResult(string Name, int Concurrency, AnalysisSummary Summary, TimeSpan Cpu, long PeakRss);
}
