using CrowdPortal.Core;
using OpenCvSharp;

namespace CrowdPortal.Vision.Detectors;

/// <summary>
/// Finds people in one video frame. One implementation per model output format; an instance owns its
/// ONNX Runtime session and input buffers and reuses them for every frame, so it is not thread-safe.
/// </summary>
public interface IPersonDetector : IDisposable
{
    /// <summary>Human-readable name of the model, e.g. "nanodet" or "hog".</summary>
    string Name { get; }

    /// <summary>
    /// The score at or above which a returned box counts as a person on its own and may start a track. Boxes below it
    /// (down to the model's score threshold) are returned for the tracker's low-score stage: they count only where they
    /// continue a person already followed. 0 = every returned box counts on its own.
    /// </summary>
    float ConfidentScore { get; }

    /// <summary>
    /// Detects people in a BGR 8-bit frame. Clears <paramref name="output"/> and fills it with person boxes
    /// in the frame's own pixel coordinates, after score threshold and non-maximum suppression.
    /// </summary>
    void Detect(Mat bgrFrame, List<Detection> output);
}
