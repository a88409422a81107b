using Onnx;

namespace CrowdPortal.Vision.Importing.Quantization;

/// <summary>
/// Which Convs run in int8 and which activation tensors get a QuantizeLinear/DequantizeLinear pair, chosen so that ONNX
/// Runtime's QDQ fusion turns whole chains into int8 kernels: a Conv is quantised when it has constant weights and all
/// its readers are ops ONNX Runtime also runs in int8 (Conv, LeakyRelu, Add, Concat, MaxPool, Resize); its input and
/// output are quantised, and so is the output of any such op in between whose inputs all are and whose result another
/// quantised op reads. Convs feeding anything else (the detection heads' last layers, read by Split) stay float, so the
/// scores and box distributions keep full precision.
/// </summary>
internal sealed class QdqPlan
{
    /// <summary>Ops between quantised Convs that ONNX Runtime runs on int8 tensors (QLinear kernels or dropped QDQ).</summary>
    private static readonly HashSet<string> Int8Ops = new(StringComparer.Ordinal) { "LeakyRelu", "Add", "Concat", "MaxPool", "Resize" };

    /// <summary>Ops whose output must keep its input's scale for ONNX Runtime to run them on int8 directly.</summary>
    private static readonly HashSet<string> ScalePreserving = new(StringComparer.Ordinal) { "MaxPool", "Resize" };

    private QdqPlan(HashSet<NodeProto> convs, List<string> tensors, Dictionary<string, string> sharedScale)
    {
        QuantizedConvs = convs;
        Tensors = tensors;
        SharedScale = sharedScale;
    }

    /// <summary>The Convs whose weights become int8.</summary>
    public IReadOnlySet<NodeProto> QuantizedConvs { get; }

    /// <summary>The activation tensors that get a Q/DQ pair, in graph order (producers before readers).</summary>
    public IReadOnlyList<string> Tensors { get; }

    /// <summary>Tensor -> the tensor whose scale and zero point it must reuse (MaxPool and Resize outputs).</summary>
    public IReadOnlyDictionary<string, string> SharedScale { get; }

    public static QdqPlan For(GraphProto graph)
    {
        var initializers = graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var consumers = OnnxGraphIndex.Consumers(graph);
        var graphOutputs = graph.Output.Select(o => o.Name).ToHashSet(StringComparer.Ordinal);

        // By reference: protobuf messages compare by value, and the writer edits the nodes' inputs.
        var convs = new HashSet<NodeProto>(ReferenceEqualityComparer.Instance);
        foreach (NodeProto node in graph.Node)
        {
            if (node.OpType == "Conv" && initializers.TryGetValue(node.Input[1], out TensorProto? w) && w.Dims.Count == 4
                && w.DataType == (int)TensorProto.Types.DataType.Float && !graphOutputs.Contains(node.Output[0])
                && consumers.TryGetValue(node.Output[0], out var readers) && readers.TrueForAll(r => r.OpType == "Conv" || Int8Ops.Contains(r.OpType)))
            {
                convs.Add(node);
            }
        }

        // Forward: tensors that will be available in int8 (quantised Convs' inputs and outputs, and what int8 ops make of them).
        var available = new HashSet<string>(StringComparer.Ordinal);
        foreach (NodeProto conv in convs)
        {
            available.Add(conv.Input[0]);
            available.Add(conv.Output[0]);
        }

        var candidates = new List<NodeProto>();
        foreach (NodeProto node in graph.Node)
        {
            if (Int8Ops.Contains(node.OpType) && !graphOutputs.Contains(node.Output[0]) && ActivationInputs(node, initializers).All(available.Contains))
            {
                candidates.Add(node);
                available.Add(node.Output[0]);
            }
        }

        // Backward: an int8 op's output is quantised only when a quantised reader needs it.
        var needed = new HashSet<string>(StringComparer.Ordinal);
        foreach (NodeProto conv in convs)
        {
            needed.Add(conv.Input[0]);
            needed.Add(conv.Output[0]);
        }

        for (int i = candidates.Count - 1; i >= 0; i--)
        {
            NodeProto node = candidates[i];
            if (needed.Contains(node.Output[0]))
            {
                needed.UnionWith(ActivationInputs(node, initializers));
            }
        }

        var sharedScale = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (NodeProto node in candidates)
        {
            if (ScalePreserving.Contains(node.OpType) && needed.Contains(node.Output[0]) && needed.Contains(node.Input[0]))
            {
                sharedScale[node.Output[0]] = node.Input[0];
            }
        }

        var ordered = new List<string>();
        foreach (ValueInfoProto input in graph.Input)
        {
            if (needed.Contains(input.Name))
            {
                ordered.Add(input.Name);
            }
        }

        foreach (NodeProto node in graph.Node)
        {
            ordered.AddRange(node.Output.Where(needed.Contains));
        }

        return new QdqPlan(convs, ordered, sharedScale);
    }

    /// <summary>The inputs of an op that are activations (not constants): Resize's roi/scales/sizes are not.</summary>
    private static IEnumerable<string> ActivationInputs(NodeProto node, Dictionary<string, TensorProto> initializers) =>
        node.OpType == "Resize" ? [node.Input[0]] : node.Input.Where(i => i.Length > 0 && !initializers.ContainsKey(i));
}
