using System.Globalization;
using CrowdPortal.Cli.Sinks;
using CrowdPortal.Core.Evaluation;
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
/// frames were compared. <c>--tracks-truth gt.txt</c>: scores the tracker's confirmed tracks against MOTChallenge ground
/// truth with CLEAR MOT and identity measures (<see cref="TrackingEvaluator"/>). Either or both; <c>--frames A-B</c>
/// limits both to 0-based video frames A..B and stops the video after B.
/// </summary>
internal static class EvalCommand
{
    public const string Usage =
        "eval <video> (--truth truth.csv | --tracks-truth gt.txt)... [--frames A-B] [--zones zones.json] [--model NAME|PATH] [--models-dir DIR]\n" +
        "        [--workers N] [--stride N] [--max-frames N] [--tiling off|auto|on] [--far-area x,y,w,h]";

    private static readonly string[] ValueOptions = [.. CommonInputs.ModelOptions, "tiling", "far-area", "truth", "tracks-truth", "frames", "zones", "stride", "max-frames"];

    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, ILogger logger, CancellationToken cancellationToken)
    {
        ParsedArguments parsed = ParsedArguments.Parse(args, ValueOptions);
        string video = parsed.RequirePositional(0, "video file (usage: crowdportal " + Usage.Split('\n')[0] + ")");
        parsed.ExpectPositionals(1);
        string? truthPath = parsed.Option("truth");
        string? tracksTruthPath = parsed.Option("tracks-truth");
        if (truthPath is null && tracksTruthPath is null)
        {
            throw new UsageException("missing --truth truth.csv (columns frame_index,count) or --tracks-truth gt.txt (MOTChallenge frame,id,x,y,w,h,flag)");
        }

        FrameRange? range = FrameRange.Parse(parsed.Option("frames"));
        long? maxFrames = parsed.PositiveInt("max-frames");
        if (range is FrameRange r)
        {
            maxFrames = Math.Min(maxFrames ?? long.MaxValue, r.Last + 1L);
        }

        var options = new AnalysisOptions { FrameStride = parsed.PositiveInt("stride", 1)!.Value, MaxFrames = maxFrames };

        Dictionary<long, int>? truth = truthPath is null ? null : ReadTruth(truthPath, range);
        List<MotRow>? tracksTruth = tracksTruthPath is null ? null : ReadTracksTruth(tracksTruthPath);
        ZoneSet zones = CommonInputs.LoadZones(parsed.Option("zones"));
        using VideoFileSource source = CommonInputs.OpenVideo(video);
        string modelsDir = ModelResolver.ModelsDir(parsed.Option("models-dir"));
        using IPersonDetector detector = CommonInputs.WithTiling(parsed,
            new ModelResolver(logger, CommonInputs.Workers(parsed), CommonInputs.FrameSize(source)).Create(parsed.Option("model"), modelsDir), modelsDir);

        var counts = new PeopleCountSink();
        var tracks = new TrackRowsSink();
        var progress = console.Interactive ? new ConsoleProgress(console.Error, "eval") : null;
        try
        {
            await new AnalysisPipeline(detector, zones, options).RunAsync(source, [counts, tracks], progress, cancellationToken);
        }
        finally
        {
            progress?.Clear();
        }

        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model:  {detector.Name}"));
        if (truth is not null)
        {
            PrintCountError(console, truthPath!, truth, counts);
        }

        if (tracksTruth is not null)
        {
            // Only frames the video delivered are scored: truth beyond the end of the analysis would all be misses.
            long lastAnalysed = counts.PeopleByFrame.Count == 0 ? -1 : counts.PeopleByFrame.Keys.Max();
            int first = range?.First ?? 0;
            int last = (int)Math.Min(range?.Last ?? int.MaxValue - 1, lastAnalysed);
            PrintTrackingScores(console, tracksTruthPath!, tracksTruth, tracks.Rows, first, last);
        }

        return 0;
    }

    private static void PrintCountError(CliConsole console, string truthPath, Dictionary<long, int> truth, PeopleCountSink counts)
    {
        CountError error = CountError.Compare(truth, counts.PeopleByFrame);
        if (error.Frames == 0)
        {
            throw new CliException($"no frame listed in {truthPath} was analysed (check frame_index is 0-based and within the video)");
        }

        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"frames: {error.Frames}"));
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"MAE:    {error.Mae:0.000}"));
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RMSE:   {error.Rmse:0.000}"));
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"bias:   {error.Bias:+0.000;-0.000;0.000}"));
    }

    /// <summary>Scores video frames <paramref name="first"/>..<paramref name="last"/> (0-based; MOTChallenge frame = video frame + 1).</summary>
    private static void PrintTrackingScores(CliConsole console, string truthPath, List<MotRow> truth, List<MotRow> hypotheses, int first, int last)
    {
        TrackingScores scores = TrackingEvaluator.Evaluate(truth, hypotheses, first + 1, last + 1);
        if (scores.FramesScored == 0)
        {
            throw new CliException($"no frame of {truthPath} lies in the analysed frames (MOTChallenge frame numbers are 1-based: frame 1 = video frame 0)");
        }

        ClearMotScores m = scores.ClearMot;
        IdentityScores id = scores.Identity;
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"tracking frames: {scores.FramesScored}"));
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"truth boxes:     {m.TruthBoxes} ({m.TruthTrajectories} people)"));
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"MOTA:  {m.Mota:0.000}"));
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"MOTP:  {m.Motp:0.000}"));
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"IDF1:  {id.Idf1:0.000}"));
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"IDP:   {id.Idp:0.000}"));
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"IDR:   {id.Idr:0.000}"));
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"FP:    {m.FalsePositives}"));
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"FN:    {m.FalseNegatives}"));
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"IDSW:  {m.IdSwitches}"));
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Frag:  {m.Fragmentations}"));
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"MT:    {m.MostlyTracked}"));
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ML:    {m.MostlyLost}"));
    }

    /// <summary>Reads MOTChallenge ground truth (<see cref="MotTextParser"/>) with one-line errors.</summary>
    internal static List<MotRow> ReadTracksTruth(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CliException($"tracks truth file not found: {path}", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot read tracks truth file {path}: {ModelResolver.OneLine(ex.Message)}", ex);
        }

        try
        {
            List<MotRow> rows = MotTextParser.Parse(text, isTruth: true);
            return rows.Count > 0 ? rows : throw new CliException($"tracks truth file {path} is empty: expected MOTChallenge rows frame,id,x,y,w,h,flag");
        }
        catch (FormatException ex)
        {
            throw new CliException($"tracks truth file {path}, {ex.Message}", ex);
        }
    }

    /// <summary>Reads <c>frame_index,count</c> rows (header required, extra columns ignored).</summary>
    internal static Dictionary<long, int> ReadTruth(string path, FrameRange? range = null)
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

                if (range is not FrameRange r || r.Contains(frame))
                {
                    truth[frame] = count;
                }
            }
        }
        catch (CsvFormatException ex)
        {
            throw new CliException($"truth file {path} is not valid CSV: {ModelResolver.OneLine(ex.Message)}", ex);
        }

        return truth;
    }
}
