namespace CrowdPortal.Vision.Importing;

/// <summary>
/// A constant tensor known at import time: weights from the shards, or small shape/index values folded by the importer.
/// Floats live in <see cref="Floats"/>; every integer and boolean type lives in <see cref="Ints"/> (bool as 0/1).
/// </summary>
internal sealed class TensorData
{
    private TensorData(TfDataType type, long[] shape, float[]? floats, long[]? ints)
    {
        Type = type;
        Shape = shape;
        Floats = floats;
        Ints = ints;
        long count = ShapeMath.ElementCount(shape);
        long actual = floats?.LongLength ?? ints!.LongLength;
        if (count != actual)
        {
            throw new TfjsImportException($"Tensor of shape [{string.Join(",", shape)}] needs {count} values, got {actual}.");
        }
    }

    public TfDataType Type { get; }

    public long[] Shape { get; }

    public float[]? Floats { get; }

    public long[]? Ints { get; }

    public int Rank => Shape.Length;

    public long Count => Floats?.LongLength ?? Ints!.LongLength;

    public static TensorData FromFloats(long[] shape, float[] values) => new(TfDataType.Float32, shape, values, null);

    public static TensorData FromInts(TfDataType type, long[] shape, long[] values)
    {
        if (type == TfDataType.Float32)
        {
            throw new ArgumentException("Integer data needs an integer or bool type.", nameof(type));
        }

        return new TensorData(type, shape, null, values);
    }

    /// <summary>Reads element i as a double, whatever the storage.</summary>
    public double this[long i] => Floats is not null ? Floats[i] : Ints![i];

    /// <summary>The values as 64-bit integers (for shapes, axes, indices); floats are refused.</summary>
    public long[] AsLongs() => Ints ?? throw new TfjsImportException("Expected an integer constant, found float values.");

    /// <summary>A scalar or one-element tensor as a long.</summary>
    public long AsScalarLong()
    {
        long[] values = AsLongs();
        return values.Length == 1 ? values[0] : throw new TfjsImportException($"Expected one value, found {values.Length}.");
    }

    public TensorData WithShape(long[] shape) => new(Type, shape, Floats, Ints);

    /// <summary>Builds a tensor of the same element type from computed values.</summary>
    public static TensorData Create(TfDataType type, long[] shape, Func<long, double> valueAt)
    {
        long count = ShapeMath.ElementCount(shape);
        if (type == TfDataType.Float32)
        {
            var floats = new float[count];
            for (long i = 0; i < count; i++)
            {
                floats[i] = (float)valueAt(i);
            }

            return FromFloats(shape, floats);
        }

        var ints = new long[count];
        for (long i = 0; i < count; i++)
        {
            ints[i] = (long)valueAt(i);
        }

        return FromInts(type, shape, ints);
    }

    /// <summary>Returns the tensor transposed by <paramref name="perm"/> (result dim i = source dim perm[i]).</summary>
    public TensorData Transpose(int[] perm)
    {
        if (Permutation.IsIdentity(perm))
        {
            return this;
        }

        long[] outShape = Permutation.Apply(perm, Shape);
        long[] inStrides = ShapeMath.Strides(Shape);

        // Walk the output in order with an odometer over its coordinates, stepping the source offset incrementally
        // (weights run to millions of elements, so no per-element division).
        long[] step = Permutation.Apply(perm, inStrides);
        var coord = new long[outShape.Length];
        long count = Count;
        var sourceIndex = new long[count];
        long source = 0;
        for (long i = 0; i < count; i++)
        {
            sourceIndex[i] = source;
            for (int d = outShape.Length - 1; d >= 0; d--)
            {
                source += step[d];
                if (++coord[d] < outShape[d])
                {
                    break;
                }

                source -= step[d] * outShape[d];
                coord[d] = 0;
            }
        }

        if (Floats is not null)
        {
            var floats = new float[count];
            for (long i = 0; i < count; i++)
            {
                floats[i] = Floats[sourceIndex[i]];
            }

            return FromFloats(outShape, floats);
        }

        var ints = new long[count];
        for (long i = 0; i < count; i++)
        {
            ints[i] = Ints![sourceIndex[i]];
        }

        return FromInts(Type, outShape, ints);
    }

    /// <summary>Raw little-endian bytes as ONNX stores them in TensorProto.raw_data.</summary>
    public byte[] ToOnnxRawBytes()
    {
        switch (Type)
        {
            case TfDataType.Float32:
                {
                    var bytes = new byte[Floats!.Length * sizeof(float)];
                    Buffer.BlockCopy(Floats, 0, bytes, 0, bytes.Length);
                    return bytes;
                }

            case TfDataType.Int32:
                {
                    var bytes = new byte[Ints!.Length * sizeof(int)];
                    for (int i = 0; i < Ints.Length; i++)
                    {
                        BitConverter.TryWriteBytes(bytes.AsSpan(i * sizeof(int)), checked((int)Ints[i]));
                    }

                    return bytes;
                }

            case TfDataType.Int64:
                {
                    var bytes = new byte[Ints!.Length * sizeof(long)];
                    Buffer.BlockCopy(Ints, 0, bytes, 0, bytes.Length);
                    return bytes;
                }

            case TfDataType.Bool:
                {
                    var bytes = new byte[Ints!.Length];
                    for (int i = 0; i < Ints.Length; i++)
                    {
                        bytes[i] = Ints[i] != 0 ? (byte)1 : (byte)0;
                    }

                    return bytes;
                }

            default:
                throw new InvalidOperationException("Unknown element type " + Type);
        }
    }
}
