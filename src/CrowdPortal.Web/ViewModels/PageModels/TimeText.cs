using System.Globalization;

namespace CrowdPortal.Web.ViewModels.PageModels;

/// <summary>Formats seconds of video time the same way the pages' scripts do (m:ss, or h:mm:ss past an hour).</summary>
public static class TimeText
{
    public static string Format(double seconds)
    {
        var span = TimeSpan.FromSeconds(Math.Max(0, Math.Floor(seconds)));
        return span.ToString(span.TotalHours >= 1 ? @"h\:mm\:ss" : @"m\:ss", CultureInfo.InvariantCulture);
    }
}
