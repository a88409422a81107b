using CrowdPortal.Core;
using CrowdPortal.Vision.Detectors;
using OpenCvSharp;

namespace CrowdPortal.Vision.Privacy;

/// <summary>
/// Hides people in a picture: each person box, enlarged a little so hair, shoulders and feet are covered too, is
/// replaced by a few coarse blocks. Coarse on purpose: a fine mosaic keeps a person's outline, which is enough for a
/// detector (and a human) to see someone there; four blocks across a person keep only colour.
/// </summary>
public static class PersonPixelator
{
    /// <summary>How much each side of a box grows, as a fraction of the box's size.</summary>
    public const double Enlarge = 0.15;

    /// <summary>Blocks across the width of an (enlarged) person box.</summary>
    public const int BlocksAcross = 4;

    /// <summary>Passes of <see cref="HideEveryone"/>: pixelating some people can let the detector see a person it had missed.</summary>
    public const int MaxPasses = 3;

    /// <summary>
    /// Finds the people in <paramref name="image"/> with <paramref name="detector"/> and pixelates them, in place; looks
    /// again and again (up to <see cref="MaxPasses"/>) until the detector finds no one. With <paramref name="faces"/>,
    /// first pixelates every face it finds: close up, a face can fill the picture and the person detector, made for
    /// whole bodies, may not see a person there. Returns every box pixelated.
    /// </summary>
    public static List<Detection> HideEveryone(Mat image, IPersonDetector detector, BlazeFaceDetector? faces = null)
    {
        var hidden = new List<Detection>();
        var found = new List<Detection>();
        if (faces is not null)
        {
            faces.Detect(image, found);
            Apply(image, found);
            hidden.AddRange(found);
        }

        for (int pass = 0; pass < MaxPasses; pass++)
        {
            detector.Detect(image, found);
            if (found.Count == 0)
            {
                break;
            }

            Apply(image, found);
            hidden.AddRange(found);
        }

        return hidden;
    }

    /// <summary>Pixelates every box of <paramref name="people"/> (frame pixel coordinates) in <paramref name="image"/>, in place.</summary>
    public static void Apply(Mat image, IEnumerable<Detection> people)
    {
        foreach (var person in people)
        {
            Rect area = Enlarged(person, image.Width, image.Height);
            if (area.Width < 2 || area.Height < 2)
            {
                continue;
            }

            int block = Math.Max(2, (int)Math.Ceiling(area.Width / (double)BlocksAcross));
            var coarse = new Size(Math.Max(1, area.Width / block), Math.Max(1, area.Height / block));
            using var region = new Mat(image, area);
            using var small = new Mat();
            Cv2.Resize(region, small, coarse, 0, 0, InterpolationFlags.Area);
            Cv2.Resize(small, region, area.Size, 0, 0, InterpolationFlags.Nearest);
        }
    }

    /// <summary>The box grown by <see cref="Enlarge"/> on each side, clipped to the picture.</summary>
    public static Rect Enlarged(Detection person, int width, int height)
    {
        double w = person.X2 - person.X1;
        double h = person.Y2 - person.Y1;
        int x1 = Math.Clamp((int)Math.Floor(person.X1 - w * Enlarge), 0, width);
        int y1 = Math.Clamp((int)Math.Floor(person.Y1 - h * Enlarge), 0, height);
        int x2 = Math.Clamp((int)Math.Ceiling(person.X2 + w * Enlarge), 0, width);
        int y2 = Math.Clamp((int)Math.Ceiling(person.Y2 + h * Enlarge), 0, height);
        return new Rect(x1, y1, Math.Max(0, x2 - x1), Math.Max(0, y2 - y1));
    }
}
