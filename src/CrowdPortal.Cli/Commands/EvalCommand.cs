using System.Globalization;
using CrowdPortal.Cli.Sinks;
using CrowdPortal.Core.Zones;
using CrowdPortal.Vision.Detectors;
using CrowdPortal.Vision.Pipeline;
using CrowdPortal.Vision.Sources;
using CsvHelper;
using Microsoft.Extensions.Logging;

namespace CrowdPortal.Cli.Commands;

/// <summary>
/// <c>crowdportal eval &lt;video&gt; --truth truth.csv</c>: compares the per-frame people count with a ground truth
/// (<c>frame_index,count</c>, any subset of frames) and prints MAE, RMSE, bias (mean of predicted − true) and how many
/// frames were compared.
/// </summary>
internal static class EvalCommand
{
    public const string Usage = "eval <video> --truth truth.csv [--zones zones.json] [--model NAME|PATH] [--models-dir DIR] [--workers N] [--stride N] [--max-frames N]";

    private static readonly string[] ValueOptions = [.. CommonInputs.ModelOptions, "truth", "zones", "stride", "max-frames"];

    public static int Run(IReadOnlyList<string> args, CliConsole console, ILogger logger, CancellationToken cancellationToken)
    {
        ParsedArguments parsed = ParsedArguments.Parse(args, ValueOptions);
        string video = parsed.RequirePositional(0, "video file (usage: crowdportal " + Usage + ")");
        parsed.ExpectPositionals(1);
        string truthPath = parsed.Option("truth") ?? throw new UsageException("missing --truth truth.csv (columns frame_index,count)");
        var options = new AnalysisOptions { FrameStride = parsed.PositiveInt("stride", 1)!.Value, MaxFrames = parsed.PositiveInt("max-frames") };

        Dictionary<long, int> truth = ReadTruth(truthPath);
        ZoneSet zones = CommonInputs.LoadZones(parsed.Option("zones"));
        using VideoFileSource source = CommonInputs.OpenVideo(video);
        using IPersonDetector detector = new ModelResolver(logger, CommonInputs.Workers(parsed)).Create(parsed.Option("model"), ModelResolver.ModelsDir(parsed.Option("models-dir")));

        var counts = new PeopleCountSink();
        var progress = console.Interactive ? new ConsoleProgress(console.Error, "eval") : null;
        try
        {
            new AnalysisPipeline(detector, zones, options).RunAsync(source, [counts], progress, cancellationToken).GetAwaiter().GetResult();
        }
        finally
        {
            progress?.Clear();
        }

        CountError error = CountError.Compare(truth, counts.PeopleByFrame);
        if (error.Frames == 0)
        {
            throw new CliException($"no frame listed in {truthPath} was analysed (check frame_index is 0-based and within the video)");
        }

        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model:  {detector.Name}"));
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"frames: {error.Frames}"));
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"MAE:    {error.Mae:0.000}"));
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RMSE:   {error.Rmse:0.000}"));
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bias:   {error.Bias:+0.000;-0.000;0.000}"));
        return 0;
    }

    /// <summary>Reads <c>frame_index,count</c> rows (header required, extra columns ignored).</summary>
    internal static Dictionary<long, int> ReadTruth(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"truth file not found: {path}");
        }

        var truth = new Dictionary<long, int>();
        try
        {
            using CsvReader csv = CsvReader.FromFile(path, new CsvReaderOptions { TrimWhitespace = true, TrackLineNumbers = true });
            IReadOnlyList<string> header = [.. csv.Headers];
            if (!header.Contains("frame_index") || !header.Contains("count"))
            {
                throw new CliException(header.Count == 0
                    ? $"truth file {path} is empty: expected a header frame_index,count"
                    : $"truth file {path} needs the columns frame_index,count (found: {string.Join(",", header)})");
            }

            while (csv.Read())
            {
                if (!long.TryParse(csv.GetString("frame_index"), NumberStyles.Integer, CultureInfo.InvariantCulture, out long frame) || frame < 0
                    || !int.TryParse(csv.GetString("count"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int count) || count < 0)
                {
                    throw new CliException($"truth file {path}, line {csv.LineNumber}: frame_index and count must be whole numbers of at least 0");
                }

                truth[frame] = count;
            }
        }
        catch (CsvFormatException ex)
        {
            throw new CliException($"truth file {path} is not valid CSV: {ModelResolver.OneLine(ex.Message)}", ex);
        }

        return truth;
    }
}
