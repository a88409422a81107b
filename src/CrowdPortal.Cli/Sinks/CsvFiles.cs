using System.Globalization;
using CsvHelper;

namespace CrowdPortal.Cli.Sinks;

/// <summary>Opens CSV output files the same way everywhere: invariant culture, UTF-8 without BOM, "\n" line ends.</summary>
internal static class CsvFiles
{
    private static readonly CsvWriterOptions Options = new() { NewLine = "\n", FormatProvider = CultureInfo.InvariantCulture };

    public static CsvWriter Create(string path)
    {
        try
        {
            return CsvWriter.ToFile(path, Options);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new CliException($"cannot write {path}: {ex.Message}", ex);
        }
    }

    /// <summary>Seconds with millisecond precision, as text.</summary>
    public static string Seconds(double seconds) => seconds.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>A whole number as text (one small string per field; the CSVs have at most a few thousand rows).</summary>
    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
