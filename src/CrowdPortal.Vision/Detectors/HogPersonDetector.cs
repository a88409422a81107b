using CrowdPortal.Core;
using OpenCvSharp;

namespace CrowdPortal.Vision.Detectors;

/// <summary>
/// OpenCV's HOG + linear SVM pedestrian detector (Dalal–Triggs, 64×128 window): the fallback when no ONNX model is
/// available. Slower and less accurate than the neural detectors; misses people smaller than the window unless the frame is
/// upscaled. Confidence is the SVM margin clamped to [0,1].
/// </summary>
internal sealed class HogPersonDetector : IPersonDetector
{
    private readonly HOGDescriptor _hog = new();
    private readonly Mat _scaled = new();
    private readonly double _hitThreshold;
    private readonly double _upscale;

    /// <param name="hitThreshold">SVM margin a window needs to count as a hit (OpenCV default 0).</param>
    /// <param name="upscale">Factor the frame is enlarged by first, so people shorter than 128 px are found.</param>
    public HogPersonDetector(double hitThreshold = 0, double upscale = 1.0)
    {
        _hog.SetSVMDetector(HOGDescriptor.GetDefaultPeopleDetector());
        _hitThreshold = hitThreshold;
        _upscale = upscale;
    }

    /// <inheritdoc />
    public string Name => "hog";

    /// <summary>HOG's hits all count on their own (it has no calibrated score to split them by).</summary>
    public float ConfidentScore => 0f;

    /// <inheritdoc />
    public void Detect(Mat bgrFrame, List<Detection> output)
    {
        output.Clear();
        if (bgrFrame.Empty())
        {
            return;
        }

        Mat input = bgrFrame;
        if (_upscale != 1.0)
        {
            Cv2.Resize(bgrFrame, _scaled, new Size(0, 0), _upscale, _upscale, InterpolationFlags.Linear);
            input = _scaled;
        }

        // OpenCV's peopledetect sample settings: 8-px stride, 1.05 pyramid step, group overlapping hits (threshold 2).
        Rect[] found = _hog.DetectMultiScale(input, out double[] weights, _hitThreshold, new Size(8, 8), new Size(0, 0), 1.05, 2);
        float inv = (float)(1.0 / _upscale);
        for (int i = 0; i < found.Length; i++)
        {
            Rect r = found[i];
            float confidence = (float)Math.Clamp(i < weights.Length ? weights[i] : 1.0, 0.0, 1.0);
            output.Add(new Detection(
                Math.Max(0, r.Left * inv),
                Math.Max(0, r.Top * inv),
                Math.Min(bgrFrame.Width, r.Right * inv),
                Math.Min(bgrFrame.Height, r.Bottom * inv),
                confidence,
                Detection.PersonClass));
        }
    }

    public void Dispose()
    {
        _hog.Dispose();
        _scaled.Dispose();
    }
}
