namespace CrowdPortal.Vision.Importing;

/// <summary>Conversions between TensorFlow's, TF.js's and ONNX's names for element types.</summary>
internal static class TfDataTypes
{
    /// <summary>Parses a GraphDef enum name such as "DT_FLOAT".</summary>
    public static TfDataType FromGraphDef(string name) => name switch
    {
        "DT_FLOAT" => TfDataType.Float32,
        "DT_INT32" => TfDataType.Int32,
        "DT_INT64" => TfDataType.Int64,
        "DT_BOOL" => TfDataType.Bool,
        _ => throw new TfjsImportException($"Unsupported tensor element type '{name}'."),
    };

    /// <summary>ONNX TensorProto.DataType value.</summary>
    public static int ToOnnx(TfDataType type) => type switch
    {
        TfDataType.Float32 => (int)Onnx.TensorProto.Types.DataType.Float,
        TfDataType.Int32 => (int)Onnx.TensorProto.Types.DataType.Int32,
        TfDataType.Int64 => (int)Onnx.TensorProto.Types.DataType.Int64,
        TfDataType.Bool => (int)Onnx.TensorProto.Types.DataType.Bool,
        _ => throw new ArgumentOutOfRangeException(nameof(type)),
    };

    public static bool IsInteger(TfDataType type) => type is TfDataType.Int32 or TfDataType.Int64;
}
