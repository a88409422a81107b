using System.Globalization;
using CrowdPortal.Cli.Sinks;
using CrowdPortal.Core.Zones;
using CrowdPortal.Vision.Detectors;
using CrowdPortal.Vision.Pipeline;
using CrowdPortal.Vision.Sources;
using Microsoft.Extensions.Logging;

namespace CrowdPortal.Cli.Commands;

/// <summary>
/// <c>crowdportal analyze &lt;video&gt;</c>: counts people in a video file (or a live rtsp/http stream, until Ctrl+C) and
/// writes the requested outputs.
/// </summary>
internal static class AnalyzeCommand
{
    public const string Usage =
        "analyze <video> [--zones zones.json] [--model NAME|PATH] [--models-dir DIR] [--workers N] [--per-frame frames.csv] [--counts counts.csv]\n" +
        "        [--heatmap heat.png] [--tracks tracks.txt] [--stride N] [--max-frames N] [--tiling off|auto|on] [--far-area x,y,w,h]";

    private static readonly string[] ValueOptions =
        [.. CommonInputs.ModelOptions, "tiling", "far-area", "zones", "per-frame", "counts", "heatmap", "tracks", "stride", "max-frames"];

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, ILogger logger, CancellationToken cancellationToken)
    {
        ParsedArguments parsed = ParsedArguments.Parse(args, ValueOptions);
        string video = parsed.RequirePositional(0, "video file (usage: crowdportal " + Usage.Split('\n')[0] + ")");
        parsed.ExpectPositionals(1);
        var options = new AnalysisOptions
        {
            FrameStride = parsed.PositiveInt("stride", 1)!.Value,
            MaxFrames = parsed.PositiveInt("max-frames"),
        };

        ZoneSet zones = CommonInputs.LoadZones(parsed.Option("zones"));
        using IFrameSource source = CommonInputs.OpenSource(video);
        string modelsDir = ModelResolver.ModelsDir(parsed.Option("models-dir"));
        using IPersonDetector detector = CommonInputs.WithTiling(parsed,
            new ModelResolver(logger, CommonInputs.Workers(parsed), CommonInputs.FrameSize(source)).Create(parsed.Option("model"), modelsDir), modelsDir);

        var sinks = new List<IAnalysisSink>();
        var owned = new List<IDisposable>();
        try
        {
            AddSink(parsed.Option("per-frame"), p => new PerFrameCsvSink(p), sinks, owned);
            AddSink(parsed.Option("counts"), p => new CountsCsvSink(p), sinks, owned);
            AddSink(parsed.Option("tracks"), p => new MotTracksSink(p), sinks, owned);
            AddSink(parsed.Option("heatmap"), p => new HeatmapPngSink(p), sinks, owned);

            var progress = console.Interactive ? new ConsoleProgress(console.Error, "analyze") : null;
            AnalysisSummary summary;
            try
            {
                var pipeline = new AnalysisPipeline(detector, zones, options);
                summary = await pipeline.RunAsync(source, sinks, progress, cancellationToken);
            }
            finally
            {
                progress?.Clear();
            }

            console.Out.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"analysed {summary.FramesAnalysed} of {summary.FramesDecoded} frames ({summary.VideoSeconds:0.0} s of video) with {detector.Name} " +
                $"in {summary.Elapsed.TotalSeconds:0.0} s: {summary.FramesPerSecond:0.0} frames/s, {summary.TimesRealTime:0.0}x real time"));
            return 0;
        }
        finally
        {
            foreach (IDisposable sink in owned)
            {
                sink.Dispose();
            }
        }
    }

    private static void AddSink<T>(string? path, Func<string, T> create, List<IAnalysisSink> sinks, List<IDisposable> owned)
        where T : IAnalysisSink, IDisposable
    {
        if (path is null)
        {
            return;
        }

        T sink = create(path);
        sinks.Add(sink);
        owned.Add(sink);
    }
}
