using CrowdPortal.Core.Heatmaps;
using OpenCvSharp;

namespace CrowdPortal.Vision.Rendering;

/// <summary>
/// Draws a <see cref="HeatmapAccumulator"/> as a colour map (OpenCV's JET: blue = rarely, red = most often) blended over a
/// video frame; cold cells leave the frame visible, because the blend weight grows with the heat. Heat is shown on a
/// square-root scale.
/// </summary>
public static class HeatmapRenderer
{
    /// <summary>Blend weight of the hottest cell.</summary>
    public const double DefaultOpacity = 0.65;

    /// <summary>
    /// Renders the heatmap at <paramref name="background"/>'s size (or the heatmap's frame size over black when it is
    /// null or empty) into a new BGR image.
    /// </summary>
    public static Mat Render(HeatmapAccumulator heatmap, Mat? background, double opacity = DefaultOpacity)
    {
        ArgumentNullException.ThrowIfNull(heatmap);
        ArgumentOutOfRangeException.ThrowIfLessThan(opacity, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(opacity, 1);

        using Mat canvas = background is null || background.Empty()
            ? new Mat(heatmap.Frame.Height, heatmap.Frame.Width, MatType.CV_8UC3, Scalar.All(0))
            : background.Clone();
        var size = new Size(canvas.Width, canvas.Height);

        float[] grid = heatmap.ToNormalised();
        using Mat cells = Mat.FromPixelData(heatmap.GridHeight, heatmap.GridWidth, MatType.CV_32FC1, grid);
        using var heat = new Mat();
        Cv2.Resize(cells, heat, size, 0, 0, InterpolationFlags.Linear);

        // Square root: one spot where someone (or a static false positive) stood all the time would otherwise take the
        // whole colour range and leave every path people walked nearly invisible.
        Cv2.Max(heat, 0, heat);
        Cv2.Sqrt(heat, heat);

        using var heat8 = new Mat();
        heat.ConvertTo(heat8, MatType.CV_8UC1, 255);
        using var colour = new Mat();
        Cv2.ApplyColorMap(heat8, colour, ColormapTypes.Jet);

        // Per-pixel blend: out = frame·(1 − a) + colour·a with a = opacity · heat.
        using var alpha1 = new Mat();
        heat.ConvertTo(alpha1, MatType.CV_32FC1, opacity);
        using var alpha = new Mat();
        Cv2.Merge([alpha1, alpha1, alpha1], alpha);
        using var frameF = new Mat();
        using var colourF = new Mat();
        canvas.ConvertTo(frameF, MatType.CV_32FC3);
        colour.ConvertTo(colourF, MatType.CV_32FC3);
        using var blended = new Mat();
        using (var diff = new Mat())
        {
            Cv2.Subtract(colourF, frameF, diff);
            Cv2.Multiply(diff, alpha, diff);
            Cv2.Add(frameF, diff, blended);
        }

        var result = new Mat();
        blended.ConvertTo(result, MatType.CV_8UC3);
        return result;
    }

    /// <summary>Renders the heatmap and writes it as a PNG file.</summary>
    /// <exception cref="IOException">The file could not be written.</exception>
    public static void WritePng(HeatmapAccumulator heatmap, Mat? background, string path, double opacity = DefaultOpacity)
    {
        // Written beside the target and moved over it, so a reader (heatmap.png served while a camera saves it) never
        // sees half a file.
        string part = path + ".part";
        try
        {
            File.WriteAllBytes(part, EncodePng(heatmap, background, opacity));
            File.Move(part, path, overwrite: true);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new IOException($"cannot write the heatmap to {path}: {ex.Message}", ex);
        }
    }

    /// <summary>Renders the heatmap and encodes it as PNG bytes (for an HTTP response).</summary>
    public static byte[] EncodePng(HeatmapAccumulator heatmap, Mat? background, double opacity = DefaultOpacity)
    {
        using Mat image = Render(heatmap, background, opacity);
        Cv2.ImEncode(".png", image, out byte[] png);
        return png;
    }
}
