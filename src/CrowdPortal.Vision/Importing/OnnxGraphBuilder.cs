using Google.Protobuf;
using Onnx;

namespace CrowdPortal.Vision.Importing;

/// <summary>Accumulates ONNX nodes, initializers, inputs and outputs, and hands out unique tensor names.</summary>
internal sealed class OnnxGraphBuilder
{
    /// <summary>Opset 17: every op the importer emits is stable there, and ONNX Runtime 1.31 optimises it fully.</summary>
    public const int Opset = 17;

    private readonly GraphProto _graph = new() { Name = "tfjs_import" };
    private readonly HashSet<string> _usedNames = new(StringComparer.Ordinal);

    /// <summary>Reserves names (the TF node names) so generated helper names never collide with them.</summary>
    public void Reserve(string name) => _usedNames.Add(name);

    public string UniqueName(string hint)
    {
        for (int i = 0; ; i++)
        {
            string candidate = $"{hint}__{i}";
            if (_usedNames.Add(candidate))
            {
                return candidate;
            }
        }
    }

    public int NodeCount => _graph.Node.Count;

    /// <summary>Adds one node; returns it so callers can attach attributes.</summary>
    public NodeProto AddNode(string opType, IEnumerable<string> inputs, IEnumerable<string> outputs, string? name = null)
    {
        var node = new NodeProto { OpType = opType, Name = name ?? UniqueName(opType) };
        node.Input.AddRange(inputs);
        node.Output.AddRange(outputs);
        _graph.Node.Add(node);
        return node;
    }

    /// <summary>Adds a node with one output named by <see cref="UniqueName"/>; returns that output's name.</summary>
    public string AddNode(string opType, string hint, params string[] inputs)
    {
        string output = UniqueName(hint);
        AddNode(opType, inputs, [output]);
        return output;
    }

    public string AddInitializer(TensorData data, string hint)
    {
        string name = UniqueName(hint);
        var tensor = new TensorProto
        {
            Name = name,
            DataType = TfDataTypes.ToOnnx(data.Type),
            RawData = ByteString.CopyFrom(data.ToOnnxRawBytes()),
        };
        tensor.Dims.AddRange(data.Shape);
        _graph.Initializer.Add(tensor);
        return name;
    }

    public void AddInput(string name, TfDataType type, long[] shape) => _graph.Input.Add(ValueInfo(name, type, shape));

    public void AddOutput(string name, TfDataType type, long[] shape) => _graph.Output.Add(ValueInfo(name, type, shape));

    public ModelProto ToModel(string docString)
    {
        RemoveUnusedNodes();
        var model = new ModelProto
        {
            IrVersion = 8,
            ProducerName = "CrowdPortal.TfjsModelImporter",
            ProducerVersion = "1",
            DocString = docString,
            Graph = _graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = Opset });
        return model;
    }

    /// <summary>
    /// Drops nodes and initializers no graph output depends on (e.g. a Pad whose consumers absorbed it). Nodes are
    /// appended in dependency order, so one backward sweep finds them all.
    /// </summary>
    private void RemoveUnusedNodes()
    {
        var needed = new HashSet<string>(_graph.Output.Select(o => o.Name), StringComparer.Ordinal);
        var kept = new List<NodeProto>(_graph.Node.Count);
        for (int i = _graph.Node.Count - 1; i >= 0; i--)
        {
            NodeProto node = _graph.Node[i];
            if (node.Output.Any(needed.Contains))
            {
                kept.Add(node);
                needed.UnionWith(node.Input);
            }
        }

        kept.Reverse();
        _graph.Node.Clear();
        _graph.Node.AddRange(kept);
        var initializers = _graph.Initializer.Where(t => needed.Contains(t.Name)).ToList();
        _graph.Initializer.Clear();
        _graph.Initializer.AddRange(initializers);
    }

    private static ValueInfoProto ValueInfo(string name, TfDataType type, long[] shape)
    {
        var tensorShape = new TensorShapeProto();
        for (int i = 0; i < shape.Length; i++)
        {
            // -1: a dimension fixed only when the model runs (a named, symbolic one).
            tensorShape.Dim.Add(shape[i] >= 0
                ? new TensorShapeProto.Types.Dimension { DimValue = shape[i] }
                : new TensorShapeProto.Types.Dimension { DimParam = $"{name}_{i}" });
        }

        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto
            {
                TensorType = new TypeProto.Types.Tensor { ElemType = TfDataTypes.ToOnnx(type), Shape = tensorShape },
            },
        };
    }
}
