using CrowdPortal.Core.Analysis;
using CrowdPortal.Core.Zones;
using CrowdPortal.Vision.Pipeline;
using CsvHelper;

namespace CrowdPortal.Cli.Sinks;

/// <summary>
/// <c>--per-frame</c>: one row per analysed frame, columns <c>frame,time_s,people</c> and one per polygon or line zone
/// (named by its label; the id is appended when two labels collide). A polygon's column is the people in it; a line's
/// column is its crossings so far (in + out).
/// </summary>
internal sealed class PerFrameCsvSink(string path) : AnalysisSink, IDisposable
{
    private readonly CsvWriter _csv = CsvFiles.Create(path);

    public override void OnStarted(AnalysisStart start)
    {
        _csv.WriteField("frame");
        _csv.WriteField("time_s");
        _csv.WriteField("people");
        foreach (string column in ZoneColumns(start.Zones))
        {
            _csv.WriteField(column);
        }

        _csv.EndRecord();
    }

    public override void OnFrame(FrameAnalysis frame)
    {
        _csv.WriteField(CsvFiles.Number(frame.Index));
        _csv.WriteField(CsvFiles.Seconds(frame.TimeSeconds));
        _csv.WriteField(CsvFiles.Number(frame.Result.People));
        foreach (ZoneStatus zone in frame.Result.Zones)
        {
            _csv.WriteField(CsvFiles.Number(zone.Kind == ZoneKind.Line ? zone.TotalEntries + zone.TotalExits : zone.Current));
        }

        _csv.EndRecord();
    }

    public override void OnCompleted(AnalysisSummary summary) => _csv.Flush();

    public void Dispose() => _csv.Dispose();

    /// <summary>Column names of the counted zones (polygons and lines, in zone order, as the counter reports them).</summary>
    internal static List<string> ZoneColumns(ZoneSet zones)
    {
        var counted = zones.Zones.Where(z => z.Kind != ZoneKind.Mask).ToList();
        var columns = new List<string>(counted.Count);
        foreach (ZoneDefinition zone in counted)
        {
            bool clash = counted.Count(z => z.Label == zone.Label) > 1 || zone.Label is "frame" or "time_s" or "people";
            columns.Add(clash ? $"{zone.Label} ({zone.ZoneId})" : zone.Label);
        }

        return columns;
    }
}
