using System.Diagnostics;
using CrowdPortal.Core;
using CrowdPortal.Vision.Pipeline;
using CrowdPortal.Vision.Imaging;
using OpenCvSharp;

namespace CrowdPortal.Vision.Detectors;

/// <summary>
/// The flow every ONNX detector shares: preprocess the frame into the reused input tensor -> run the session -> decode the
/// outputs into candidate person boxes in input pixels (score threshold first) -> NMS -> map the survivors back to frame
/// pixels. A subclass only says which outputs it needs and how to decode them.
/// </summary>
internal abstract class OnnxPersonDetector : IPersonDetector, IStageTimedDetector
{
    private readonly FramePreprocessor _preprocessor;
    private readonly List<Detection> _candidates = new(1024);
    private readonly List<Detection> _kept = new(300);

    protected OnnxPersonDetector(
        string name, string modelPath, InputSpec input, DetectorThresholds thresholds, Func<string, int[], bool>? outputFilter, string expectedOutputs, int intraOpThreads = 0)
    {
        Name = name;
        Input = input;
        Thresholds = thresholds;
        _preprocessor = new FramePreprocessor(input);
        Runner = new OnnxModelRunner(modelPath, input.Shape, outputFilter, expectedOutputs, intraOpThreads);
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public float ConfidentScore => Thresholds.ConfidentScore;

    /// <summary>Input size, layout and normalisation of the model.</summary>
    public InputSpec Input { get; }

    /// <summary>Score threshold, NMS IoU and person class.</summary>
    public DetectorThresholds Thresholds { get; }

    protected OnnxModelRunner Runner { get; }

    /// <inheritdoc />
    public DetectorStageTimes LastStageTimes { get; private set; }

    /// <inheritdoc />
    public void Detect(Mat bgrFrame, List<Detection> output)
    {
        if (bgrFrame.Empty())
        {
            // A failed decode gives an empty Mat: no picture, no people.
            output.Clear();
            return;
        }

        long start = Stopwatch.GetTimestamp();
        FrameTransform transform = _preprocessor.Write(bgrFrame, Runner.Input);
        long preprocessed = Stopwatch.GetTimestamp();
        DetectFromInput(transform, output);
        LastStageTimes = LastStageTimes with { PreprocessMs = Stopwatch.GetElapsedTime(start, preprocessed).TotalMilliseconds };
    }

    /// <summary>The model's input tensor memory (what <see cref="Detect"/> preprocesses a frame into).</summary>
    internal float[] InputTensor => Runner.Input;

    /// <summary>
    /// Runs the model on <see cref="InputTensor"/> as it is and maps boxes back with <paramref name="transform"/>: the second
    /// half of <see cref="Detect"/>, open to tests that feed a reference tensor.
    /// </summary>
    internal void DetectFromInput(FrameTransform transform, List<Detection> output)
    {
        output.Clear();
        long start = Stopwatch.GetTimestamp();
        Runner.Run();
        long inferred = Stopwatch.GetTimestamp();

        _candidates.Clear();
        Decode(_candidates);
        NonMaxSuppression.Apply(_candidates, Thresholds.NmsIou, _kept);

        for (int i = 0; i < _kept.Count; i++)
        {
            Detection d = _kept[i];
            var mapped = new Detection(
                transform.ToFrameX(d.X1), transform.ToFrameY(d.Y1), transform.ToFrameX(d.X2), transform.ToFrameY(d.Y2), d.Confidence, Detection.PersonClass);
            if (mapped.Area > 0)
            {
                output.Add(mapped);
            }
        }

        LastStageTimes = new DetectorStageTimes(0, Stopwatch.GetElapsedTime(start, inferred).TotalMilliseconds, Stopwatch.GetElapsedTime(inferred).TotalMilliseconds);
    }

    /// <summary>
    /// Adds person candidates at or above <see cref="DetectorThresholds.ScoreThreshold"/> from the runner's outputs, in model
    /// input pixels. Must not allocate.
    /// </summary>
    protected abstract void Decode(List<Detection> candidates);

    public void Dispose()
    {
        Runner.Dispose();
        _preprocessor.Dispose();
    }
}
