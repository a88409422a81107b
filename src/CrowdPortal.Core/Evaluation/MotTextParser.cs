using System.Globalization;

namespace CrowdPortal.Core.Evaluation;

/// <summary>
/// Reads the MOTChallenge text format, one row per person per frame: <c>frame,id,x,y,w,h,flag,…</c> (frame 1-based,
/// box top-left and size in pixels). For ground truth the seventh column is the "consider" flag of the MOTChallenge
/// devkit: 0 marks an ignore region, anything else (1, −1 in MOT15 files, or no column) a person to find. For tracker
/// output the seventh column is a confidence and is not read. Blank lines are skipped.
/// </summary>
public static class MotTextParser
{
    /// <summary>Parses <paramref name="text"/>; throws <see cref="FormatException"/> naming the first bad line.</summary>
    /// <param name="text">The whole file.</param>
    /// <param name="isTruth">True for ground truth (reads the flag column), false for tracker output.</param>
    public static List<MotRow> Parse(string text, bool isTruth)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rows = new List<MotRow>();
        int lineNumber = 0;
        foreach (string rawLine in text.Split('\n'))
        {
            lineNumber++;
            string line = rawLine.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            string[] fields = line.Split(',');
            if (fields.Length < 6)
            {
                throw new FormatException($"line {lineNumber}: expected at least 6 comma-separated fields frame,id,x,y,w,h (got {fields.Length})");
            }

            if (!TryInt(fields[0], out int frame) || frame < 1)
            {
                throw new FormatException($"line {lineNumber}: the frame number must be a whole number of at least 1 (MOTChallenge frames are 1-based)");
            }

            if (!TryInt(fields[1], out int id))
            {
                throw new FormatException($"line {lineNumber}: the id must be a whole number");
            }

            if (!TryFloat(fields[2], out float x) || !TryFloat(fields[3], out float y) || !TryFloat(fields[4], out float w) || !TryFloat(fields[5], out float h))
            {
                throw new FormatException($"line {lineNumber}: x, y, w and h must be numbers");
            }

            if (w <= 0 || h <= 0)
            {
                throw new FormatException($"line {lineNumber}: the box width and height must be positive");
            }

            bool ignore = false;
            if (isTruth && fields.Length >= 7)
            {
                if (!TryFloat(fields[6], out float flag))
                {
                    throw new FormatException($"line {lineNumber}: the flag (7th field) must be a number (0 = ignore region)");
                }

                ignore = flag == 0;
            }

            rows.Add(MotRow.FromTopLeft(frame, id, x, y, w, h, ignore));
        }

        return rows;
    }

    private static bool TryInt(string s, out int value)
    {
        // Some tools write ids and frames as "12.0"; accept whole numbers written that way too.
        if (int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && d == Math.Floor(d) && Math.Abs(d) < int.MaxValue)
        {
            value = (int)d;
            return true;
        }

        return false;
    }

    private static bool TryFloat(string s, out float value) =>
        float.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && float.IsFinite(value);
}
