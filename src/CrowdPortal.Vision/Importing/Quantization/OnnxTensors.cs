using System.Runtime.InteropServices;
using Google.Protobuf;
using Onnx;

namespace CrowdPortal.Vision.Importing.Quantization;

/// <summary>Reads float initializers and writes the small typed tensors (scales, zero points, int8/int32 data) of a QDQ graph.</summary>
internal static class OnnxTensors
{
    public static float[] Floats(TensorProto tensor)
    {
        if (tensor.DataType != (int)TensorProto.Types.DataType.Float)
        {
            throw new InvalidDataException($"Initializer '{tensor.Name}' is not float32.");
        }

        return tensor.RawData.Length > 0 ? MemoryMarshal.Cast<byte, float>(tensor.RawData.Span).ToArray() : [.. tensor.FloatData];
    }

    public static TensorProto Float(string name, float[] values, params long[] dims) =>
        Create(name, TensorProto.Types.DataType.Float, MemoryMarshal.AsBytes(values.AsSpan()), dims);

    public static TensorProto Int8(string name, sbyte[] values, params long[] dims) =>
        Create(name, TensorProto.Types.DataType.Int8, MemoryMarshal.AsBytes(values.AsSpan()), dims);

    public static TensorProto UInt8(string name, byte[] values, params long[] dims) =>
        Create(name, TensorProto.Types.DataType.Uint8, values, dims);

    public static TensorProto Int32(string name, int[] values, params long[] dims) =>
        Create(name, TensorProto.Types.DataType.Int32, MemoryMarshal.AsBytes(values.AsSpan()), dims);

    private static TensorProto Create(string name, TensorProto.Types.DataType type, ReadOnlySpan<byte> raw, long[] dims)
    {
        // Raw data is little-endian by the ONNX spec, as on every platform .NET runs this on.
        var tensor = new TensorProto { Name = name, DataType = (int)type, RawData = ByteString.CopyFrom(raw) };
        tensor.Dims.AddRange(dims);
        return tensor;
    }
}
