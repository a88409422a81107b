using CrowdPortal.Core;
using CrowdPortal.Vision.Imaging;

namespace CrowdPortal.Vision.Detectors;

/// <summary>
/// Ultralytics YOLO ONNX exports: input [1,3,H,W] RGB / 255, letterboxed with grey (114) padding. Two output layouts, told
/// apart by shape: v8/v11 <c>[1, 4+C, N]</c> (attributes first, <c>cx, cy, w, h</c> then C class scores, no objectness) and
/// v5 <c>[1, N, 5+C]</c> (one row per anchor: <c>cx, cy, w, h, objectness</c>, C class probabilities; score = objectness ×
/// class probability). As in Ultralytics' NMS with a class filter, a box is a person when the person score reaches the
/// threshold and no other class scores higher.
/// </summary>
internal sealed class YoloDetector : OnnxPersonDetector
{
    private readonly bool _attributesFirst;
    private readonly int _anchors;
    private readonly int _classes;

    // classCount: number of classes when known (from the sidecar labels); otherwise read from the output shape.
    public YoloDetector(string name, string modelPath, int inputWidth, int inputHeight, DetectorThresholds thresholds, int? classCount = null, int intraOpThreads = 0)
        : base(name, modelPath, CreateInputSpec(inputWidth, inputHeight), thresholds, static (_, shape) => shape.Length == 3, "one output [1,4+C,N] or [1,N,5+C]", intraOpThreads)
    {
        try
        {
            int[] shape = Runner.OutputShape(0);
            (_attributesFirst, _anchors, _classes) = ReadLayout(modelPath, shape, classCount);
            if (thresholds.PersonClass >= _classes)
            {
                throw new InvalidDataException($"{Path.GetFileName(modelPath)}: person class {thresholds.PersonClass} is outside its {_classes} classes.");
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>True for the v8/v11 layout [1, 4+C, N]; false for v5's [1, N, 5+C].</summary>
    public bool AttributesFirst => _attributesFirst;

    /// <summary>Ultralytics' input: NCHW, RGB, /255, letterboxed.</summary>
    public static InputSpec CreateInputSpec(int width, int height) =>
        new(width, height, TensorLayout.Nchw, ChannelOrder.Rgb, ResizeMode.Letterbox, InputSpec.ZeroMean, InputSpec.UnitScale);

    /// <summary>
    /// Reads the layout from a [1, A, B] output. v8/v11 have far more anchors than attributes ([1, 84, 8400]); v5 the reverse
    /// ([1, 25200, 85]). With a known class count the widths decide: B == 5+C is v5, A == 4+C is v8.
    /// </summary>
    internal static (bool AttributesFirst, int Anchors, int Classes) ReadLayout(string modelPath, int[] shape, int? classCount)
    {
        int a = shape[1], b = shape[2];
        bool attributesFirst = classCount is int c ? a == 4 + c && b != 5 + c : a < b;
        int classes = attributesFirst ? a - 4 : b - 5;
        if (classes < 1 || (classCount is int expected && classes != expected))
        {
            throw new InvalidDataException(
                $"{Path.GetFileName(modelPath)}: output [{string.Join(",", shape)}] is neither [1,4+C,N] (YOLOv8/v11) nor [1,N,5+C] (YOLOv5)" +
                (classCount is null ? "." : $" for C = {classCount} labels."));
        }

        return (attributesFirst, attributesFirst ? b : a, classes);
    }

    protected override void Decode(List<Detection> candidates)
    {
        ReadOnlySpan<float> output = Runner.Output(0);
        if (_attributesFirst)
        {
            DecodeAttributesFirst(output, candidates);
        }
        else
        {
            DecodeAnchorsFirst(output, candidates);
        }
    }

    private void DecodeAttributesFirst(ReadOnlySpan<float> output, List<Detection> candidates)
    {
        int n = _anchors;
        int person = Thresholds.PersonClass;
        for (int j = 0; j < n; j++)
        {
            float score = output[(4 + person) * n + j];
            if (score < Thresholds.ScoreThreshold || !IsBestClass(output, 4 * n + j, n, score))
            {
                continue;
            }

            AddCentreBox(output[j], output[n + j], output[2 * n + j], output[3 * n + j], score, candidates);
        }
    }

    private void DecodeAnchorsFirst(ReadOnlySpan<float> output, List<Detection> candidates)
    {
        int width = 5 + _classes;
        int person = Thresholds.PersonClass;
        for (int j = 0; j < _anchors; j++)
        {
            int row = j * width;
            float objectness = output[row + 4];
            float probability = output[row + 5 + person];
            float score = objectness * probability;
            if (score < Thresholds.ScoreThreshold || !IsBestClass(output, row + 5, 1, probability))
            {
                continue;
            }

            AddCentreBox(output[row], output[row + 1], output[row + 2], output[row + 3], score, candidates);
        }
    }

    /// <summary>True when no class score (at <paramref name="first"/>, every <paramref name="stride"/>) beats the person's.</summary>
    private bool IsBestClass(ReadOnlySpan<float> output, int first, int stride, float personScore)
    {
        for (int c = 0; c < _classes; c++)
        {
            if (output[first + c * stride] > personScore)
            {
                return false;
            }
        }

        return true;
    }

    private static void AddCentreBox(float cx, float cy, float w, float h, float score, List<Detection> candidates) =>
        candidates.Add(new Detection(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2, score, Detection.PersonClass));
}
