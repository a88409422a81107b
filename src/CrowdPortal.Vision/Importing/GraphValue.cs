namespace CrowdPortal.Vision.Importing;

/// <summary>
/// What a TF tensor became during import: either a constant (kept in TF axis order until some ONNX node needs it),
/// or an ONNX tensor holding the TF tensor with its axes permuted by <see cref="Layout"/> (ONNX dim i = TF dim Layout[i]).
/// </summary>
internal sealed class GraphValue
{
    private GraphValue(string? onnxName, int[] layout, TfDataType type, long[] shape, TensorData? constant, string hint)
    {
        OnnxName = onnxName;
        Layout = layout;
        Type = type;
        Shape = shape;
        Constant = constant;
        Hint = hint;
    }

    /// <summary>The ONNX tensor's name; null for a constant not yet written as an initializer.</summary>
    public string? OnnxName { get; }

    public int[] Layout { get; }

    public TfDataType Type { get; }

    /// <summary>Shape in TF axis order.</summary>
    public long[] Shape { get; }

    public TensorData? Constant { get; }

    /// <summary>A readable stem for names derived from this value.</summary>
    public string Hint { get; }

    public int Rank => Shape.Length;

    public bool IsConstant => Constant is not null;

    /// <summary>
    /// Set when this value is a constant-mode Pad of another value; a following Conv2D or MaxPool can then read the
    /// unpadded source and fold the padding into its own pads, so the Pad node drops out of the graph.
    /// </summary>
    public PadOrigin? PaddedFrom { get; set; }

    /// <summary>ONNX names already emitted for this value, keyed by layout (and rank for broadcast-expanded constants).</summary>
    public Dictionary<string, string> Emitted { get; } = new(StringComparer.Ordinal);

    public static GraphValue FromConstant(TensorData data, string hint) =>
        new(null, Permutation.Identity(data.Rank), data.Type, data.Shape, data, hint);

    public static GraphValue FromOnnx(string onnxName, int[] layout, TfDataType type, long[] shape) =>
        new(onnxName, layout, type, shape, null, onnxName);

    /// <summary>The same ONNX tensor seen through a different TF axis order (what a TF Transpose becomes).</summary>
    public GraphValue WithLayout(int[] layout, long[] shape) => new(OnnxName, layout, Type, shape, Constant, Hint);
}
