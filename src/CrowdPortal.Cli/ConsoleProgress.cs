using System.Globalization;
using CrowdPortal.Vision.Pipeline;

namespace CrowdPortal.Cli;

/// <summary>
/// Shows analysis progress on one stderr line that is rewritten in place (percent, frames/s, time left). Reports arrive
/// on the pipeline's thread and are written at once (not posted like <see cref="Progress{T}"/>), so the line never
/// lags behind or appears after the result.
/// </summary>
internal sealed class ConsoleProgress(TextWriter error, string label) : IProgress<AnalysisProgress>
{
    private int _lastLength;

    public void Report(AnalysisProgress value)
    {
        string percent = value.Fraction is double f ? (f * 100).ToString("0", CultureInfo.InvariantCulture) + "%" : $"{value.FramesDecoded} frames";
        string left = value.Remaining is TimeSpan r ? $", {FormatTime(r)} left" : "";
        string line = string.Create(CultureInfo.InvariantCulture, $"{label}: {percent} ({value.FramesPerSecond:0.0} frames/s{left})");
        error.Write("\r" + line.PadRight(_lastLength));
        _lastLength = line.Length;
        error.Flush();
    }

    /// <summary>Removes the progress line, so what follows starts on a clean line.</summary>
    public void Clear()
    {
        if (_lastLength > 0)
        {
            error.Write("\r" + new string(' ', _lastLength) + "\r");
            error.Flush();
            _lastLength = 0;
        }
    }

    private static string FormatTime(TimeSpan t) =>
        t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture) : t.ToString(@"m\:ss", CultureInfo.InvariantCulture);
}
