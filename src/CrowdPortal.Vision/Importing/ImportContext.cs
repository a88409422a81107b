namespace CrowdPortal.Vision.Importing;

/// <summary>
/// State shared by the op mappers while one graph is imported: the TF tensor -> <see cref="GraphValue"/> table and the
/// ONNX graph under construction. Its <see cref="Emit"/> is the one place that moves data between axis orders.
/// </summary>
internal sealed class ImportContext
{
    private readonly Dictionary<string, GraphValue> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<float, string> _floatScalars = [];

    private readonly HashSet<string> _graphOutputs;

    public ImportContext(OnnxGraphBuilder graph, IEnumerable<string> graphOutputs, TfjsImportOptions? options = null)
    {
        Graph = graph;
        _graphOutputs = new HashSet<string>(graphOutputs, StringComparer.Ordinal);
        Options = options ?? new TfjsImportOptions();
    }

    public OnnxGraphBuilder Graph { get; }

    public TfjsImportOptions Options { get; }

    /// <summary>ONNX name of output k of a TF node: the node's own name for output 0, "name:k" otherwise.</summary>
    public static string OutputName(TfNode node, int k) => k == 0 ? node.Name : $"{node.Name}:{k}";

    public void Define(string tfTensorName, GraphValue value) => _values[Canonical(tfTensorName)] = value;

    public void Define(TfNode node, int k, GraphValue value) => _values[OutputName(node, k)] = value;

    public GraphValue Lookup(string tfTensorName) =>
        _values.TryGetValue(Canonical(tfTensorName), out GraphValue? v)
            ? v
            : throw new TfjsImportException($"Tensor '{tfTensorName}' is used before it is defined.");

    public GraphValue Input(TfNode node, int index)
    {
        if (index >= node.Inputs.Count)
        {
            throw new TfjsImportException($"Node '{node.Name}' ({node.Op}) needs at least {index + 1} inputs.");
        }

        return Lookup(node.Inputs[index]);
    }

    /// <summary>An input that must be known at import time (axes, shapes, paddings...).</summary>
    public TensorData ConstantInput(TfNode node, int index, string what)
    {
        return Input(node, index).Constant
            ?? throw new UnsupportedTfjsOpException(node.Op, node.Name, $"its {what} input must be a constant.");
    }

    /// <summary>
    /// Defines output k of a node as a fresh ONNX tensor named after the node; returns the name to write into. A graph
    /// output held in another axis order gets an internal name, so the final Transpose can carry the TF name.
    /// </summary>
    public string DefineOutput(TfNode node, int k, int[] layout, TfDataType type, long[] shape)
    {
        string name = OutputName(node, k);
        if (_graphOutputs.Contains(name) && !Permutation.IsIdentity(layout))
        {
            name = Graph.UniqueName(name + "/onnx_layout");
        }

        Define(node, k, GraphValue.FromOnnx(name, layout, type, shape));
        return name;
    }

    /// <summary>Returns the ONNX name of <paramref name="value"/> with its axes in <paramref name="layout"/> order (relative to TF).</summary>
    public string Emit(GraphValue value, int[] layout)
    {
        string key = Permutation.Key(layout);
        if (value.Emitted.TryGetValue(key, out string? cached))
        {
            return cached;
        }

        string name;
        if (value.Constant is { } constant)
        {
            name = Graph.AddInitializer(constant.Transpose(layout), value.Hint);
        }
        else if (Permutation.SameAs(value.Layout, layout))
        {
            name = value.OnnxName!;
        }
        else
        {
            // Stored dim j holds TF dim Layout[j]; wanted dim i holds TF dim layout[i].
            int[] inverse = Permutation.Inverse(value.Layout);
            var onnxPerm = new long[layout.Length];
            for (int i = 0; i < layout.Length; i++)
            {
                onnxPerm[i] = inverse[layout[i]];
            }

            name = Graph.UniqueName(value.Hint + "/transpose");
            Graph.AddNode("Transpose", [value.OnnxName!], [name]).Ints("perm", onnxPerm);
        }

        value.Emitted[key] = name;
        return name;
    }

    public string EmitIdentity(GraphValue value) => Emit(value, Permutation.Identity(value.Rank));

    /// <summary>
    /// Emits a constant that broadcasts against a tensor of rank <paramref name="rank"/> stored in <paramref name="layout"/>:
    /// leading 1s are added first (TF broadcasting aligns trailing axes), then the axes are permuted like the tensor's.
    /// </summary>
    public string EmitBroadcastConstant(GraphValue constant, int rank, int[] layout)
    {
        TensorData data = constant.Constant!;
        if (data.Count == 1 && data.Rank <= rank)
        {
            return EmitIdentity(constant);
        }

        string key = $"r{rank}:{Permutation.Key(layout)}";
        if (constant.Emitted.TryGetValue(key, out string? cached))
        {
            return cached;
        }

        var padded = new long[rank];
        for (int i = 0; i < rank; i++)
        {
            padded[i] = i < rank - data.Rank ? 1 : data.Shape[i - (rank - data.Rank)];
        }

        string name = Graph.AddInitializer(data.WithShape(padded).Transpose(layout), constant.Hint);
        constant.Emitted[key] = name;
        return name;
    }

    /// <summary>Writes a small constant (shapes, axes, scalars) as an initializer.</summary>
    public string Constant(TensorData data, string hint) => Graph.AddInitializer(data, hint);

    public string Int64Constant(string hint, params long[] values) =>
        Graph.AddInitializer(TensorData.FromInts(TfDataType.Int64, [values.Length], values), hint);

    public string FloatConstant(string hint, params float[] values) =>
        Graph.AddInitializer(TensorData.FromFloats([values.Length], values), hint);

    /// <summary>A float scalar initializer, shared by every node that needs the same value (Clip bounds and the like).</summary>
    public string FloatScalar(string hint, float value)
    {
        if (!_floatScalars.TryGetValue(value, out string? name))
        {
            name = Graph.AddInitializer(TensorData.FromFloats([], [value]), hint);
            _floatScalars[value] = name;
        }

        return name;
    }

    private static string Canonical(string tfTensorName) =>
        tfTensorName.EndsWith(":0", StringComparison.Ordinal) ? tfTensorName[..^2] : tfTensorName;
}
