using CrowdPortal.Core;

namespace CrowdPortal.Vision.Detectors;

/// <summary>
/// Upstream NanoDet's box decode (generalised focal loss): each cell predicts, per side (left, top, right, bottom), a
/// distribution over <c>bins</c> distances 0..bins-1 in units of the stride; the distance is the distribution's mean.
/// The "arg-max bin" shortcut some ports take makes offset duplicate boxes, so the full expectation is used.
/// </summary>
internal static class NanoDetDecoder
{
    /// <summary>
    /// Decodes one pyramid level. <paramref name="scores"/> is [cells, classCount] (already sigmoid), <paramref name="distributions"/>
    /// is [cells, 4 × bins], cells row-major over a <paramref name="gridWidth"/>×<paramref name="gridHeight"/> map. Adds a box in input
    /// pixels, clipped to the input, for each cell whose person score reaches the threshold.
    /// </summary>
    public static void DecodeLevel(
        ReadOnlySpan<float> scores,
        ReadOnlySpan<float> distributions,
        int classCount,
        int bins,
        int gridWidth,
        int gridHeight,
        int stride,
        int inputWidth,
        int inputHeight,
        int personClass,
        float scoreThreshold,
        List<Detection> candidates)
    {
        int cells = gridWidth * gridHeight;
        int sides = 4 * bins;
        for (int i = 0; i < cells; i++)
        {
            float score = scores[i * classCount + personClass];
            if (score < scoreThreshold)
            {
                continue;
            }

            float cx = (i % gridWidth + 0.5f) * stride;
            float cy = (i / gridWidth + 0.5f) * stride;
            ReadOnlySpan<float> cell = distributions.Slice(i * sides, sides);
            float left = ExpectedBin(cell.Slice(0, bins)) * stride;
            float top = ExpectedBin(cell.Slice(bins, bins)) * stride;
            float right = ExpectedBin(cell.Slice(2 * bins, bins)) * stride;
            float bottom = ExpectedBin(cell.Slice(3 * bins, bins)) * stride;

            candidates.Add(new Detection(
                Math.Clamp(cx - left, 0f, inputWidth),
                Math.Clamp(cy - top, 0f, inputHeight),
                Math.Clamp(cx + right, 0f, inputWidth),
                Math.Clamp(cy + bottom, 0f, inputHeight),
                score,
                Detection.PersonClass));
        }
    }

    /// <summary>Σ softmax(logits)_k · k: the mean of the distribution, in bins.</summary>
    internal static float ExpectedBin(ReadOnlySpan<float> logits)
    {
        float max = float.NegativeInfinity;
        for (int k = 0; k < logits.Length; k++)
        {
            max = Math.Max(max, logits[k]);
        }

        float sum = 0f, weighted = 0f;
        for (int k = 0; k < logits.Length; k++)
        {
            float e = MathF.Exp(logits[k] - max);
            sum += e;
            weighted += e * k;
        }

        return weighted / sum;
    }
}
