using System.Globalization;
using CrowdPortal.Core.Counting;
using CrowdPortal.Vision.Pipeline;
using CsvHelper;

namespace CrowdPortal.Cli.Sinks;

/// <summary>
/// <c>--counts</c>: the count samples, one row per zone per interval: <c>time_s,zone_id,label,current,peak,entries,exits,density</c>.
/// The whole-frame series comes first in each interval under zone id <c>frame</c>; density is empty when a zone has no area.
/// </summary>
internal sealed class CountsCsvSink(string path) : AnalysisSink, IDisposable
{
    private readonly CsvWriter _csv = CsvFiles.Create(path);
    private readonly Dictionary<string, string> _labels = new(StringComparer.Ordinal);

    public override void OnStarted(AnalysisStart start)
    {
        _labels[CountSample.FrameZoneId] = CountSample.FrameZoneId;
        foreach (var zone in start.Zones.Zones)
        {
            _labels[zone.ZoneId] = zone.Label;
        }

        foreach (string header in (string[])["time_s", "zone_id", "label", "current", "peak", "entries", "exits", "density"])
        {
            _csv.WriteField(header);
        }

        _csv.EndRecord();
    }

    public override void OnSamples(IReadOnlyList<CountSample> samples)
    {
        foreach (CountSample sample in samples)
        {
            _csv.WriteField(CsvFiles.Seconds(sample.Ts));
            _csv.WriteField(sample.ZoneId);
            _csv.WriteField(_labels.GetValueOrDefault(sample.ZoneId, sample.ZoneId));
            _csv.WriteField(CsvFiles.Number(sample.Current));
            _csv.WriteField(CsvFiles.Number(sample.Peak));
            _csv.WriteField(CsvFiles.Number(sample.Entries));
            _csv.WriteField(CsvFiles.Number(sample.Exits));
            _csv.WriteField(sample.Density is double d ? d.ToString("0.####", CultureInfo.InvariantCulture) : "");
            _csv.EndRecord();
        }
    }

    public override void OnCompleted(AnalysisSummary summary) => _csv.Flush();

    public void Dispose() => _csv.Dispose();
}
