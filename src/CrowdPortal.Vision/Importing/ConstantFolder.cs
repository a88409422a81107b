namespace CrowdPortal.Vision.Importing;

/// <summary>
/// Evaluates, at import time, the small ops whose inputs are all constants (shape vectors, axes, index arithmetic),
/// so the ONNX graph carries their results instead of the computation. NanoDet, converted from ONNX by onnx-tf, builds
/// its reshape targets this way (SparseToDense + AddV2).
/// </summary>
internal static class ConstantFolder
{
    public static bool TryFold(TfNode node, IReadOnlyList<TensorData> inputs, out TensorData? result)
    {
        result = node.Op switch
        {
            "Identity" => inputs[0],
            "Add" or "AddV2" => Binary(inputs[0], inputs[1], inputs[0].Type, (a, b) => a + b, (a, b) => a + b),
            "Sub" => Binary(inputs[0], inputs[1], inputs[0].Type, (a, b) => a - b, (a, b) => a - b),
            "Mul" => Binary(inputs[0], inputs[1], inputs[0].Type, (a, b) => a * b, (a, b) => a * b),
            "FloorDiv" => Binary(inputs[0], inputs[1], inputs[0].Type, (a, b) => Math.Floor(a / b), FloorDiv),
            "FloorMod" => Binary(inputs[0], inputs[1], inputs[0].Type, (a, b) => a - (Math.Floor(a / b) * b), (a, b) => a - (FloorDiv(a, b) * b)),
            "Equal" => Binary(inputs[0], inputs[1], TfDataType.Bool, (a, b) => a == b ? 1 : 0, (a, b) => a == b ? 1 : 0),
            "Cast" => Cast(inputs[0], node.GetType("DstT")),
            "Reshape" => inputs[0].WithShape(ShapeMath.ResolveReshape(inputs[1].AsLongs(), inputs[0].Count, node.Name)),
            "ExpandDims" => ExpandDims(inputs[0], inputs[1].AsScalarLong(), node.Name),
            "SparseToDense" => SparseToDense(node, inputs),
            _ => null,
        };
        return result is not null;
    }

    private static long FloorDiv(long a, long b)
    {
        long q = a / b;
        return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
    }

    private static TensorData Binary(TensorData a, TensorData b, TfDataType resultType, Func<double, double, double> onFloats, Func<long, long, long> onInts)
    {
        long[] shape = ShapeMath.Broadcast(a.Shape, b.Shape);
        long[] strides = ShapeMath.Strides(shape);
        long[] aStrides = ShapeMath.Strides(a.Shape);
        long[] bStrides = ShapeMath.Strides(b.Shape);
        bool integer = a.Ints is not null && b.Ints is not null;
        return TensorData.Create(resultType, shape, i =>
        {
            long ia = ShapeMath.BroadcastSource(i, shape, strides, a.Shape, aStrides);
            long ib = ShapeMath.BroadcastSource(i, shape, strides, b.Shape, bStrides);
            return integer ? onInts(a.Ints![ia], b.Ints![ib]) : onFloats(a[ia], b[ib]);
        });
    }

    private static TensorData Cast(TensorData x, TfDataType to)
    {
        return TensorData.Create(to, x.Shape, i => to switch
        {
            TfDataType.Bool => x[i] != 0 ? 1 : 0,
            TfDataType.Float32 => x[i],
            _ => Math.Truncate(x[i]),
        });
    }

    private static TensorData ExpandDims(TensorData x, long axis, string nodeName)
    {
        var shape = new List<long>(x.Shape);
        shape.Insert(ShapeMath.NormaliseAxis(axis, x.Rank + 1, nodeName), 1);
        return x.WithShape([.. shape]);
    }

    /// <summary>SparseToDense(indices [N] or [N, rank], output_shape, values [N] or scalar, default scalar).</summary>
    private static TensorData SparseToDense(TfNode node, IReadOnlyList<TensorData> inputs)
    {
        TensorData indices = inputs[0];
        long[] shape = inputs[1].AsLongs();
        TensorData values = inputs[2];
        TensorData fallback = inputs[3];
        long count = ShapeMath.ElementCount(shape);
        long[] strides = ShapeMath.Strides(shape);
        long entries = indices.Rank == 0 ? 1 : indices.Shape[0];
        long width = indices.Rank == 2 ? indices.Shape[1] : 1;
        var dense = new double[count];
        Array.Fill(dense, fallback[0]);
        long[] idx = indices.AsLongs();
        for (long e = 0; e < entries; e++)
        {
            long flat = 0;
            for (long k = 0; k < width; k++)
            {
                long coord = idx[(e * width) + k];
                if (coord < 0 || coord >= shape[k])
                {
                    throw new TfjsImportException($"Node '{node.Name}': sparse index {coord} is out of range.");
                }

                flat += coord * strides[k];
            }

            dense[flat] = values.Count == 1 ? values[0] : values[e];
        }

        return TensorData.Create(values.Type, shape, i => dense[i]);
    }
}
