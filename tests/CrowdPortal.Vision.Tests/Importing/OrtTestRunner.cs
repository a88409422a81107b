using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace CrowdPortal.Vision.Tests.Importing;

/// <summary>Runs an imported ONNX model in ONNX Runtime and returns every output as shape + values (as doubles).</summary>
internal static class OrtTestRunner
{
    public sealed record Output(int[] Shape, double[] Values);

    public static Dictionary<string, Output> Run(InferenceSession session, IReadOnlyDictionary<string, (int[] Shape, float[] Values)> inputs)
    {
        var feeds = new List<NamedOnnxValue>();
        foreach ((string name, (int[] shape, float[] values)) in inputs)
        {
            feeds.Add(NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>(values, shape)));
        }

        using IDisposableReadOnlyCollection<DisposableNamedOnnxValue> results = session.Run(feeds);
        var outputs = new Dictionary<string, Output>(StringComparer.Ordinal);
        foreach (DisposableNamedOnnxValue result in results)
        {
            outputs[result.Name] = result.Value switch
            {
                Tensor<float> t => new Output(t.Dimensions.ToArray(), Array.ConvertAll(t.ToArray(), v => (double)v)),
                Tensor<int> t => new Output(t.Dimensions.ToArray(), Array.ConvertAll(t.ToArray(), v => (double)v)),
                Tensor<long> t => new Output(t.Dimensions.ToArray(), Array.ConvertAll(t.ToArray(), v => (double)v)),
                Tensor<bool> t => new Output(t.Dimensions.ToArray(), Array.ConvertAll(t.ToArray(), v => v ? 1.0 : 0.0)),
                _ => throw new InvalidOperationException($"Output {result.Name} has an unexpected type {result.Value?.GetType()}."),
            };
        }

        return outputs;
    }

    /// <summary>Largest absolute difference; infinities must match exactly.</summary>
    public static double MaxAbsDiff(double[] actual, IReadOnlyList<double> expected)
    {
        Assert.Equal(expected.Count, actual.Length);
        double max = 0;
        for (int i = 0; i < actual.Length; i++)
        {
            if (double.IsInfinity(expected[i]) || double.IsInfinity(actual[i]))
            {
                Assert.True(expected[i] == actual[i], $"element {i}: expected {expected[i]}, got {actual[i]}");
                continue;
            }

            max = Math.Max(max, Math.Abs(actual[i] - expected[i]));
        }

        return max;
    }
}
