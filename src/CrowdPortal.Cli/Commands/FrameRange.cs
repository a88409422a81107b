using System.Globalization;

namespace CrowdPortal.Cli.Commands;

/// <summary><c>--frames A-B</c>: an inclusive range of 0-based video frame numbers (as OpenCV and ffmpeg count them).</summary>
internal readonly record struct FrameRange(int First, int Last)
{
    public bool Contains(long frame) => frame >= First && frame <= Last;

    /// <summary>Parses <c>A-B</c> with 0 ≤ A ≤ B; null when the option is absent.</summary>
    public static FrameRange? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        string[] parts = text.Split('-');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int first)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int last)
            && first <= last
            && last < int.MaxValue - 1)
        {
            return new FrameRange(first, last);
        }

        throw new UsageException($"option '--frames' needs a range of 0-based frame numbers A-B with A <= B, e.g. 0-399 (got '{text}')");
    }
}
