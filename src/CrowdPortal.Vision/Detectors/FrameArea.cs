namespace CrowdPortal.Vision.Detectors;

/// <summary>A rectangle of the frame in fractions of its width and height (0..1), as zones are stored.</summary>
public readonly record struct FrameArea(double X, double Y, double Width, double Height)
{
    /// <summary>The area in pixels of a frame, clipped to it; null when nothing of it is left (or it is under 16 px).</summary>
    public Tile? InPixels(int frameWidth, int frameHeight)
    {
        int x1 = Math.Clamp((int)Math.Round(X * frameWidth), 0, frameWidth);
        int y1 = Math.Clamp((int)Math.Round(Y * frameHeight), 0, frameHeight);
        int x2 = Math.Clamp((int)Math.Round((X + Width) * frameWidth), 0, frameWidth);
        int y2 = Math.Clamp((int)Math.Round((Y + Height) * frameHeight), 0, frameHeight);
        return x2 - x1 >= 16 && y2 - y1 >= 16 ? new Tile(x1, y1, x2 - x1, y2 - y1) : null;
    }

    /// <summary>Parses <c>x,y,w,h</c> in fractions; false unless four finite numbers with the area inside 0..1.</summary>
    public static bool TryParse(string? text, out FrameArea area)
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
            if (!double.TryParse(parts[i], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out values[i])
                || !double.IsFinite(values[i]))
            {
                return false;
            }
        }

        area = new FrameArea(values[0], values[1], values[2], values[3]);
        return area is { X: >= 0, Y: >= 0, Width: > 0, Height: > 0 } && area.X + area.Width <= 1 && area.Y + area.Height <= 1;
    }
}
