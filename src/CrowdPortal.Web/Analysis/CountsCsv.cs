using System.Globalization;
using CrowdPortal.Core.Alerts;
using CrowdPortal.Data.Entities;
using CsvHelper;

namespace CrowdPortal.Web.Analysis;

/// <summary>
/// The CSV layout of counts, shared by the per-video download and the per-user running log (which also names the video):
/// <c>[video_id,video_name,]time_s,zone_id,label,current,peak,entries,exits,density,level</c>.
/// </summary>
internal static class CountsCsv
{
    private static readonly string[] Columns = ["time_s", "zone_id", "label", "current", "peak", "entries", "exits", "density", "level"];

    /// <summary>Invariant culture, "\n" line ends, and text that starts like a formula is escaped so spreadsheets do not run it.</summary>
    public static CsvWriterOptions Options { get; } = new()
    {
        NewLine = "\n",
        FormatProvider = CultureInfo.InvariantCulture,
        Injection = CsvInjection.Escape,
    };

    public static CsvWriter Create(Stream stream) => CsvWriter.Create(stream, Options, false);

    /// <summary>A video's samples as one CSV file (the per-video download and the data export).</summary>
    public static byte[] ToBytes(IEnumerable<ZoneCount> rows)
    {
        var buffer = new MemoryStream();
        using (var csv = Create(buffer))
        {
            WriteHeader(csv, includeVideo: false);
            foreach (var row in rows)
            {
                WriteRow(csv, row);
            }
        }

        return buffer.ToArray();
    }

    public static void WriteHeader(CsvWriter csv, bool includeVideo)
    {
        if (includeVideo)
        {
            csv.WriteField("video_id");
            csv.WriteField("video_name");
        }

        foreach (string name in Columns)
        {
            csv.WriteField(name);
        }

        csv.EndRecord();
    }

    /// <summary>Writes one row; with <paramref name="video"/> the row starts with the video's id and name.</summary>
    public static void WriteRow(CsvWriter csv, ZoneCount row, Video? video = null)
    {
        var inv = CultureInfo.InvariantCulture;
        if (video is not null)
        {
            csv.WriteField(video.Id.ToString(inv));
            csv.WriteField(video.FileName);
        }

        csv.WriteField(row.Ts.ToString("0.###", inv));
        csv.WriteField(row.ZoneId);
        csv.WriteField(row.Label);
        csv.WriteField(row.Current.ToString(inv));
        csv.WriteField(row.Peak.ToString(inv));
        csv.WriteField(row.Entries.ToString(inv));
        csv.WriteField(row.Exits.ToString(inv));
        csv.WriteField(row.Density?.ToString("0.###", inv) ?? string.Empty);
        csv.WriteField(row.Level.Name());
        csv.EndRecord();
    }
}
