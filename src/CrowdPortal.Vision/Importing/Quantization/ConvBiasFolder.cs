using Onnx;

namespace CrowdPortal.Vision.Importing.Quantization;

/// <summary>
/// Folds <c>Add(Conv(x, W), b)</c> with a constant per-channel <c>b</c> ([C], [1,C,1,1]) into <c>Conv(x, W, b)</c>.
/// TF.js graphs add the bias as its own op; a quantised Conv needs the bias as its third input (as an int32 tensor on the
/// input × weight scale), so the quantiser folds it first. The result computes the same values.
/// </summary>
internal static class ConvBiasFolder
{
    /// <summary>Rewrites <paramref name="graph"/> in place; returns how many biases were folded.</summary>
    public static int Fold(GraphProto graph)
    {
        var initializers = graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var consumers = OnnxGraphIndex.Consumers(graph);
        var graphOutputs = graph.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        var removed = new HashSet<NodeProto>(ReferenceEqualityComparer.Instance);
        int folded = 0;
        foreach (NodeProto conv in graph.Node.Where(n => n.OpType == "Conv" && n.Input.Count == 2).ToList())
        {
            string convOut = conv.Output[0];
            if (graphOutputs.Contains(convOut) || !consumers.TryGetValue(convOut, out var users) || users.Count != 1 || users[0].OpType != "Add"
                || !initializers.TryGetValue(conv.Input[1], out TensorProto? weight))
            {
                continue;
            }

            NodeProto add = users[0];
            string biasName = add.Input[0] == convOut ? add.Input[1] : add.Input[0];
            long channels = weight.Dims[0];
            if (add.Input.Count != 2 || !initializers.TryGetValue(biasName, out TensorProto? bias) || !IsPerChannel(bias, channels))
            {
                continue;
            }

            TensorProto vector = OnnxTensors.Float(conv.Name + "__bias", OnnxTensors.Floats(bias), channels);
            graph.Initializer.Add(vector);
            conv.Input.Add(vector.Name);
            conv.Output[0] = add.Output[0];
            removed.Add(add);
            folded++;
        }

        foreach (NodeProto add in removed)
        {
            graph.Node.Remove(add);
        }

        OnnxGraphIndex.RemoveUnusedInitializers(graph);
        return folded;
    }

    private static bool IsPerChannel(TensorProto bias, long channels)
    {
        if (bias.DataType != (int)TensorProto.Types.DataType.Float)
        {
            return false;
        }

        long[] dims = [.. bias.Dims];
        return dims switch
        {
            [var c] => c == channels,
            [1, var c, 1, 1] => c == channels,
            _ => false,
        };
    }
}
