using Google.Protobuf;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace CrowdPortal.Vision.Importing.Quantization;

/// <summary>
/// Measures the range (min, max) each chosen activation tensor takes on real inputs: the float model is run with those
/// tensors added as outputs, once per calibration input, and the extremes are kept. Ranges over real frames give int8
/// scales that fit what the model actually sees; a range guessed from weights alone would waste most of the 256 levels.
/// </summary>
internal static class ActivationCalibrator
{
    public static Dictionary<string, (float Min, float Max)> Measure(ModelProto floatModel, IReadOnlyList<string> tensors, IEnumerable<float[]> inputs, long[] inputShape)
    {
        ModelProto probe = floatModel.Clone();
        string inputName = probe.Graph.Input[0].Name;
        var graphOutputs = probe.Graph.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var probed = new List<string>();
        foreach (string tensor in tensors)
        {
            if (tensor == inputName)
            {
                continue;
            }

            probed.Add(tensor);
            if (!graphOutputs.Contains(tensor))
            {
                probe.Graph.Output.Add(new ValueInfoProto
                {
                    Name = tensor,
                    Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float } },
                });
            }
        }

        var ranges = new Dictionary<string, (float Min, float Max)>(StringComparer.Ordinal);
        using var options = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_BASIC };
        using var session = new InferenceSession(probe.ToByteArray(), options);
        int count = 0;
        foreach (float[] input in inputs)
        {
            Include(ranges, inputName, input);
            using OrtValue value = OrtValue.CreateTensorValueFromMemory(input, inputShape);
            using IDisposableReadOnlyCollection<OrtValue> results = session.Run(new RunOptions(), [inputName], [value], probed);
            for (int i = 0; i < probed.Count; i++)
            {
                Include(ranges, probed[i], results[i].GetTensorDataAsSpan<float>());
            }

            count++;
        }

        if (count == 0)
        {
            throw new InvalidOperationException("No calibration input: int8 ranges need at least one real frame.");
        }

        return ranges;
    }

    private static void Include(Dictionary<string, (float Min, float Max)> ranges, string name, ReadOnlySpan<float> values)
    {
        float min = float.PositiveInfinity, max = float.NegativeInfinity;
        foreach (float v in values)
        {
            min = MathF.Min(min, v);
            max = MathF.Max(max, v);
        }

        ranges[name] = ranges.TryGetValue(name, out var known) ? (MathF.Min(known.Min, min), MathF.Max(known.Max, max)) : (min, max);
    }
}
