using Onnx;

namespace CrowdPortal.Vision.Importing.Quantization;

/// <summary>
/// Rewrites a float graph into a QDQ graph following a <see cref="QdqPlan"/>: each planned activation gets
/// QuantizeLinear → DequantizeLinear (uint8, asymmetric, scale from its calibrated range), each quantised Conv reads
/// its weights through DequantizeLinear from int8 with one symmetric scale per output channel, and its bias from int32 on
/// the input scale × weight scale — the layout ONNX Runtime's QDQ fusion turns into QLinearConv and friends.
/// </summary>
internal static class QdqWriter
{
    public static void Apply(GraphProto graph, QdqPlan plan, IReadOnlyDictionary<string, (float Min, float Max)> ranges)
    {
        var initializers = graph.Initializer.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var parameters = new Dictionary<string, (float Scale, byte ZeroPoint)>(StringComparer.Ordinal);
        foreach (string tensor in plan.Tensors)
        {
            parameters[tensor] = plan.SharedScale.TryGetValue(tensor, out string? source) && parameters.TryGetValue(source, out var shared)
                ? shared
                : ActivationParameters(ranges.TryGetValue(tensor, out var range) ? range : throw new InvalidOperationException($"No calibrated range for '{tensor}'."));
        }

        // Readers of a quantised tensor read its dequantised copy; the Q/DQ pair goes right after the producer.
        var dequantised = plan.Tensors.ToDictionary(t => t, t => t + "__dequantized", StringComparer.Ordinal);
        var rewritten = new List<NodeProto>(graph.Node.Count * 3);
        foreach (ValueInfoProto input in graph.Input)
        {
            if (parameters.ContainsKey(input.Name))
            {
                rewritten.AddRange(QdqPair(graph, input.Name, parameters[input.Name]));
            }
        }

        foreach (NodeProto node in graph.Node)
        {
            for (int i = 0; i < node.Input.Count; i++)
            {
                if (dequantised.TryGetValue(node.Input[i], out string? replacement))
                {
                    node.Input[i] = replacement;
                }
            }

            if (plan.QuantizedConvs.Contains(node))
            {
                string activation = plan.Tensors.First(t => dequantised[t] == node.Input[0]);
                rewritten.AddRange(QuantizeConvConstants(graph, node, initializers, parameters[activation].Scale));
            }

            rewritten.Add(node);
            foreach (string output in node.Output)
            {
                if (parameters.TryGetValue(output, out var p))
                {
                    rewritten.AddRange(QdqPair(graph, output, p));
                }
            }
        }

        graph.Node.Clear();
        graph.Node.AddRange(rewritten);
        OnnxGraphIndex.RemoveUnusedInitializers(graph);
    }

    /// <summary>uint8 asymmetric parameters covering [min, max] and zero (so zero padding and ReLU-like zeros stay exact).</summary>
    internal static (float Scale, byte ZeroPoint) ActivationParameters((float Min, float Max) range)
    {
        float min = MathF.Min(0f, range.Min), max = MathF.Max(0f, range.Max);
        float scale = (max - min) / 255f;
        if (!(scale > 0f) || float.IsInfinity(scale))
        {
            return (1f, 0);
        }

        return (scale, (byte)Math.Clamp(MathF.Round(-min / scale), 0f, 255f));
    }

    private static NodeProto[] QdqPair(GraphProto graph, string tensor, (float Scale, byte ZeroPoint) p)
    {
        string scale = tensor + "__scale", zeroPoint = tensor + "__zero_point", quantized = tensor + "__quantized";
        graph.Initializer.Add(OnnxTensors.Float(scale, [p.Scale]));
        graph.Initializer.Add(OnnxTensors.UInt8(zeroPoint, [p.ZeroPoint]));
        return
        [
            Node("QuantizeLinear", tensor + "__q", [tensor, scale, zeroPoint], quantized),
            Node("DequantizeLinear", tensor + "__dq", [quantized, scale, zeroPoint], tensor + "__dequantized"),
        ];
    }

    /// <summary>Replaces the Conv's float weight (and bias) inputs by DequantizeLinear of int8 (int32) constants.</summary>
    private static List<NodeProto> QuantizeConvConstants(GraphProto graph, NodeProto conv, Dictionary<string, TensorProto> initializers, float inputScale)
    {
        TensorProto weight = initializers[conv.Input[1]];
        float[] w = OnnxTensors.Floats(weight);
        int channels = (int)weight.Dims[0];
        int perChannel = w.Length / channels;
        var scales = new float[channels];
        var q = new sbyte[w.Length];
        for (int c = 0; c < channels; c++)
        {
            float absMax = 0f;
            for (int i = c * perChannel; i < (c + 1) * perChannel; i++)
            {
                absMax = MathF.Max(absMax, MathF.Abs(w[i]));
            }

            // Symmetric, zero point 0: what ONNX Runtime's int8 GEMM kernels expect for weights.
            scales[c] = absMax > 0f ? absMax / 127f : 1f;
            for (int i = c * perChannel; i < (c + 1) * perChannel; i++)
            {
                q[i] = (sbyte)Math.Clamp(MathF.Round(w[i] / scales[c]), -127f, 127f);
            }
        }

        string prefix = conv.Name;
        var nodes = new List<NodeProto>(2);
        graph.Initializer.Add(OnnxTensors.Int8(prefix + "__w_int8", q, [.. weight.Dims]));
        graph.Initializer.Add(OnnxTensors.Float(prefix + "__w_scale", scales, channels));
        graph.Initializer.Add(OnnxTensors.Int8(prefix + "__w_zero_point", new sbyte[channels], channels));
        nodes.Add(Node("DequantizeLinear", prefix + "__w_dq", [prefix + "__w_int8", prefix + "__w_scale", prefix + "__w_zero_point"], prefix + "__w", axis: 0));
        conv.Input[1] = prefix + "__w";

        if (conv.Input.Count > 2 && conv.Input[2].Length > 0)
        {
            float[] b = OnnxTensors.Floats(initializers[conv.Input[2]]);
            var biasScales = new float[channels];
            var bq = new int[channels];
            for (int c = 0; c < channels; c++)
            {
                biasScales[c] = inputScale * scales[c];
                bq[c] = (int)Math.Clamp(Math.Round(b[c] / (double)biasScales[c]), int.MinValue + 1, int.MaxValue);
            }

            graph.Initializer.Add(OnnxTensors.Int32(prefix + "__b_int32", bq, channels));
            graph.Initializer.Add(OnnxTensors.Float(prefix + "__b_scale", biasScales, channels));
            graph.Initializer.Add(OnnxTensors.Int32(prefix + "__b_zero_point", new int[channels], channels));
            nodes.Add(Node("DequantizeLinear", prefix + "__b_dq", [prefix + "__b_int32", prefix + "__b_scale", prefix + "__b_zero_point"], prefix + "__b", axis: 0));
            conv.Input[2] = prefix + "__b";
        }

        return nodes;
    }

    private static NodeProto Node(string op, string name, string[] inputs, string output, long? axis = null)
    {
        var node = new NodeProto { OpType = op, Name = name };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        if (axis is long a)
        {
            node.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = a });
        }

        return node;
    }
}
