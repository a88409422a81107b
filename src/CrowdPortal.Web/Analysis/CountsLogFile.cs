using System.Collections.Concurrent;
using CrowdPortal.Data.Entities;

namespace CrowdPortal.Web.Analysis;

/// <summary>
/// A user's running <c>counts_log.csv</c>: every stored sample of every video analysis, appended. Two analyses of one
/// user can store at the same moment; their appends are serialised per file, so neither fails to open it (the writer
/// holds it exclusively) and their rows never interleave mid-line. Live cameras do not append here: a camera stores a
/// row per zone every second for as long as it runs, and this file has no retention (its CSV is on its own page).
/// </summary>
internal static class CountsLogFile
{
    private static readonly ConcurrentDictionary<string, object> Gates = new(StringComparer.Ordinal);

    public static void Append(string path, IReadOnlyList<ZoneCount> rows, Video video)
    {
        lock (Gates.GetOrAdd(Path.GetFullPath(path), _ => new object()))
        {
            bool isNew = !File.Exists(path);
            using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
            using var csv = CountsCsv.Create(stream);
            if (isNew)
            {
                CountsCsv.WriteHeader(csv, includeVideo: true);
            }

            foreach (var row in rows)
            {
                CountsCsv.WriteRow(csv, row, video);
            }
        }
    }
}
