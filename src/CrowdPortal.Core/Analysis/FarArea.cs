using System.Globalization;

namespace CrowdPortal.Core.Analysis;

/// <summary>
/// A rectangle of the picture a user marked as far from the camera (people there are small), in fractions of the frame's
/// width and height (0..1, as zones are stored): the detector also runs on it alone, scaled up to its input. The rules
/// an area must meet are stated once here, for the API, the pages and any other caller.
/// </summary>
public readonly record struct FarArea(double X, double Y, double Width, double Height)
{
    /// <summary>
    /// The smallest side, as a fraction of the frame's side: 5 % (54 px of 1080p). A smaller area enlarged to the
    /// detector's input blows up a few pixels into blur and costs an inference for next to nothing.
    /// </summary>
    public const double MinSide = 0.05;

    /// <summary>Slack for fractions rounded by a client (4 decimals) so an area drawn to the frame's edge is accepted.</summary>
    private const double Slack = 1e-6;

    /// <summary>
    /// Builds the area from the four numbers a caller sent (any may be missing); false with one sentence per problem,
    /// keyed by the field it is about (<c>x</c>, <c>y</c>, <c>width</c>, <c>height</c>), when they break a rule.
    /// </summary>
    public static bool TryCreate(double? x, double? y, double? width, double? height, out FarArea area, out IReadOnlyList<KeyValuePair<string, string>> problems)
    {
        var found = new List<KeyValuePair<string, string>>();
        CheckStart("x", x, "width", found);
        CheckStart("y", y, "height", found);
        CheckSide("width", width, found);
        CheckSide("height", height, found);
        if (found.Count == 0)
        {
            CheckInside("x", "width", x!.Value, width!.Value, found);
            CheckInside("y", "height", y!.Value, height!.Value, found);
        }

        problems = found;
        area = found.Count == 0 ? new FarArea(x!.Value, y!.Value, width!.Value, height!.Value) : default;
        return found.Count == 0;
    }

    /// <summary>
    /// Parses <c>x,y,w,h</c> in fractions (the command line's <c>--far-area</c>); false unless four finite numbers with the
    /// area inside 0..1. Unlike <see cref="TryCreate"/> it sets no smallest side.
    /// </summary>
    public static bool TryParse(string? text, out FarArea area)
    {
        area = default;
        string[] parts = (text ?? string.Empty).Split(',');
        if (parts.Length != 4)
        {
            return false;
        }

        var values = new double[4];
        for (int i = 0; i < 4; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i])
                || !double.IsFinite(values[i]))
            {
                return false;
            }
        }

        area = new FarArea(values[0], values[1], values[2], values[3]);
        return area is { X: >= 0, Y: >= 0, Width: > 0, Height: > 0 } && area.X + area.Width <= 1 && area.Y + area.Height <= 1;
    }

    private static bool Present(string field, double? value, List<KeyValuePair<string, string>> found)
    {
        if (value is not double v)
        {
            found.Add(new(field, $"{field} is required (a fraction of the frame, 0 to 1)."));
            return false;
        }

        if (!double.IsFinite(v))
        {
            found.Add(new(field, $"{field} must be a finite number."));
            return false;
        }

        return true;
    }

    private static void CheckStart(string field, double? value, string side, List<KeyValuePair<string, string>> found)
    {
        if (Present(field, value, found) && (value < 0 || value >= 1))
        {
            found.Add(new(field, $"{field} must be at least 0 and below 1 (a fraction of the frame's {side}); got {Show(value!.Value)}."));
        }
    }

    private static void CheckSide(string field, double? value, List<KeyValuePair<string, string>> found)
    {
        if (Present(field, value, found) && (value < MinSide - Slack || value > 1 + Slack))
        {
            found.Add(new(field, $"{field} must be between {Show(MinSide)} ({Show(MinSide * 100)} % of the frame's {field}) and 1; got {Show(value!.Value)}."));
        }
    }

    private static void CheckInside(string start, string side, double from, double size, List<KeyValuePair<string, string>> found)
    {
        if (from + size > 1 + Slack)
        {
            found.Add(new(side, $"The area must lie inside the frame: {start} + {side} is {Show(from + size)}, more than 1."));
        }
    }

    private static string Show(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
