using System.Text.Json;
using Onnx;

namespace CrowdPortal.Vision.Importing;

/// <summary>
/// Turns a parsed TF.js graph into an ONNX model: refuses unsupported ops up front, then visits the nodes the outputs
/// depend on in dependency order, folding constant sub-computations and handing everything else to the op mappers.
/// </summary>
internal static class TfjsGraphConverter
{
    public static ModelProto Convert(TfjsModel model, string sourceName, TfjsImportOptions? options = null)
    {
        options ??= new TfjsImportOptions();
        foreach (TfNode node in model.Nodes)
        {
            if (!OpMapperRegistry.IsSupported(node.Op))
            {
                throw OpMapperRegistry.Unsupported(node);
            }
        }

        var byName = new Dictionary<string, TfNode>(StringComparer.Ordinal);
        var graph = new OnnxGraphBuilder();
        foreach (TfNode node in model.Nodes)
        {
            byName[node.Name] = node;
            graph.Reserve(node.Name);
        }

        var context = new ImportContext(graph, model.Outputs, options);
        foreach (TfNode node in DependencyOrder(model.Outputs, byName))
        {
            switch (node.Op)
            {
                case "Const":
                    context.Define(node, 0, GraphValue.FromConstant(ReadConstant(node, model), node.Name));
                    break;
                case "Placeholder":
                    DefineInput(node, context);
                    break;
                default:
                    MapNode(node, context);
                    break;
            }
        }

        foreach (string output in model.Outputs)
        {
            GraphValue value = context.Lookup(output);
            if (!value.IsConstant && !Permutation.IsIdentity(value.Layout))
            {
                // Back to TF's axis order, written straight into the output's TF name.
                graph.AddNode("Transpose", [value.OnnxName!], [output]).Ints("perm", Array.ConvertAll(Permutation.Inverse(value.Layout), a => (long)a));
            }
            else if (context.EmitIdentity(value) is var source && source != output)
            {
                graph.AddNode("Identity", [source], [output]);
            }

            // At any image size, only the batch of an output is known in advance.
            graph.AddOutput(output, value.Type, options.AnyImageSize ? [value.Shape[0], .. Enumerable.Repeat(-1L, value.Rank - 1)] : value.Shape);
        }

        return graph.ToModel($"Imported from TF.js graph model '{sourceName}'.");
    }

    private static void MapNode(TfNode node, ImportContext context)
    {
        var constants = new List<TensorData>(node.Inputs.Count);
        foreach (string input in node.Inputs)
        {
            if (context.Lookup(input).Constant is not { } data)
            {
                break;
            }

            constants.Add(data);
        }

        if (node.Inputs.Count > 0 && constants.Count == node.Inputs.Count && ConstantFolder.TryFold(node, constants, out TensorData? folded))
        {
            context.Define(node, 0, GraphValue.FromConstant(folded!, node.Name));
            return;
        }

        OpMapperRegistry.Get(node).Map(node, context);
    }

    private static void DefineInput(TfNode node, ImportContext context)
    {
        TfDataType type = node.GetType("dtype");
        long[] shape = node.GetShape("shape")
            ?? throw new TfjsImportException($"Input '{node.Name}' has no shape; the importer needs static input shapes.");
        if (Array.Exists(shape, d => d < 0))
        {
            throw new TfjsImportException($"Input '{node.Name}' has a dynamic shape {ShapeMath.Format(shape)}; the importer needs static input shapes.");
        }

        context.Graph.AddInput(node.Name, type, context.Options.AnyImageSize ? WithSymbolicImageSize(node, shape) : shape);
        context.Define(node, 0, GraphValue.FromOnnx(node.Name, Permutation.Identity(shape.Length), type, shape));
    }

    /// <summary>An image input's shape with height and width left open (-1): [1,3,H,W] (NCHW) or [1,H,W,3] (NHWC).</summary>
    private static long[] WithSymbolicImageSize(TfNode node, long[] shape)
    {
        (int h, int w) = shape switch
        {
            [_, 3, _, _] => (2, 3),
            [_, _, _, 3] => (1, 2),
            _ => throw new TfjsImportException($"Input '{node.Name}' {ShapeMath.Format(shape)} is not a 3-channel image; it cannot take any image size."),
        };
        long[] open = (long[])shape.Clone();
        open[h] = -1;
        open[w] = -1;
        return open;
    }

    /// <summary>A Const's value comes from the weights manifest (TF.js stores int64 as int32) or, failing that, inline.</summary>
    private static TensorData ReadConstant(TfNode node, TfjsModel model)
    {
        TfDataType type = node.GetType("dtype");
        if (model.Weights.TryGetValue(node.Name, out TensorData? weight))
        {
            return weight.Type == type || weight.Floats is not null ? weight : TensorData.FromInts(type, weight.Shape, weight.AsLongs());
        }

        if (node.GetTensor("value") is { } tensor)
        {
            return InlineTensor(node, tensor, type);
        }

        throw new TfjsImportException($"Const '{node.Name}' has no value in the weights manifest.");
    }

    private static TensorData InlineTensor(TfNode node, JsonElement tensor, TfDataType type)
    {
        long[] shape = tensor.TryGetProperty("tensorShape", out JsonElement s) ? TfNode.ParseShape(s) : [];
        long count = ShapeMath.ElementCount(shape);
        string field = type switch
        {
            TfDataType.Float32 => "floatVal",
            TfDataType.Int64 => "int64Val",
            TfDataType.Bool => "boolVal",
            _ => "intVal",
        };
        var values = new List<double>();
        if (tensor.TryGetProperty(field, out JsonElement list))
        {
            foreach (JsonElement v in list.EnumerateArray())
            {
                values.Add(v.ValueKind switch
                {
                    JsonValueKind.True => 1,
                    JsonValueKind.False => 0,
                    JsonValueKind.String => double.Parse(v.GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                    _ => v.GetDouble(),
                });
            }
        }

        if (values.Count == 0 && count > 0)
        {
            throw new TfjsImportException($"Const '{node.Name}' has no value in the weights manifest and no inline {field}.");
        }

        // GraphDef repeats the last listed value to fill the shape.
        return TensorData.Create(type, shape, i => values[(int)Math.Min(i, values.Count - 1)]);
    }

    /// <summary>Post-order depth-first walk from the outputs, iterative so deep graphs cannot overflow the stack.</summary>
    private static List<TfNode> DependencyOrder(IReadOnlyList<string> outputs, Dictionary<string, TfNode> byName)
    {
        var order = new List<TfNode>();
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false = in progress, true = done
        var stack = new Stack<(TfNode Node, int NextInput)>();
        foreach (string output in outputs)
        {
            Push(NodeOf(output, byName));
            while (stack.Count > 0)
            {
                (TfNode node, int next) = stack.Pop();
                if (next < node.Inputs.Count)
                {
                    stack.Push((node, next + 1));
                    Push(NodeOf(node.Inputs[next], byName));
                    continue;
                }

                state[node.Name] = true;
                order.Add(node);
            }
        }

        return order;

        void Push(TfNode node)
        {
            if (state.TryGetValue(node.Name, out bool done))
            {
                if (!done)
                {
                    throw new TfjsImportException($"The graph has a cycle through '{node.Name}'.");
                }

                return;
            }

            state[node.Name] = false;
            stack.Push((node, 0));
        }
    }

    private static TfNode NodeOf(string tensorName, Dictionary<string, TfNode> byName)
    {
        int colon = tensorName.IndexOf(':', StringComparison.Ordinal);
        string nodeName = colon < 0 ? tensorName : tensorName[..colon];
        return byName.TryGetValue(nodeName, out TfNode? node)
            ? node
            : throw new TfjsImportException($"Tensor '{tensorName}' refers to a node that is not in the graph.");
    }
}
