namespace CrowdPortal.Vision.Importing;

/// <summary>Static shape arithmetic shared by the op mappers (all shapes are known at import time).</summary>
internal static class ShapeMath
{
    public static long ElementCount(long[] shape)
    {
        long count = 1;
        foreach (long d in shape)
        {
            count *= d;
        }

        return count;
    }

    /// <summary>Row-major strides in elements.</summary>
    public static long[] Strides(long[] shape)
    {
        var strides = new long[shape.Length];
        long stride = 1;
        for (int i = shape.Length - 1; i >= 0; i--)
        {
            strides[i] = stride;
            stride *= shape[i];
        }

        return strides;
    }

    /// <summary>NumPy/TensorFlow broadcasting: trailing dimensions aligned, 1 stretches.</summary>
    public static long[] Broadcast(long[] a, long[] b)
    {
        int rank = Math.Max(a.Length, b.Length);
        var result = new long[rank];
        for (int i = 0; i < rank; i++)
        {
            long da = i < rank - a.Length ? 1 : a[i - (rank - a.Length)];
            long db = i < rank - b.Length ? 1 : b[i - (rank - b.Length)];
            if (da != db && da != 1 && db != 1)
            {
                throw new TfjsImportException($"Shapes [{string.Join(",", a)}] and [{string.Join(",", b)}] do not broadcast.");
            }

            result[i] = da == 1 ? db : da;
        }

        return result;
    }

    /// <summary>Maps a flat index of the broadcast result to the flat index of an operand of shape <paramref name="operand"/>.</summary>
    public static long BroadcastSource(long resultIndex, long[] resultShape, long[] resultStrides, long[] operand, long[] operandStrides)
    {
        int offset = resultShape.Length - operand.Length;
        long rest = resultIndex;
        long source = 0;
        for (int d = 0; d < resultShape.Length; d++)
        {
            long coord = rest / resultStrides[d];
            rest -= coord * resultStrides[d];
            int od = d - offset;
            if (od >= 0 && operand[od] != 1)
            {
                source += coord * operandStrides[od];
            }
        }

        return source;
    }

    /// <summary>A TF axis that may be negative, made non-negative.</summary>
    public static int NormaliseAxis(long axis, int rank, string nodeName)
    {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank)
        {
            throw new TfjsImportException($"Axis {axis} is out of range for rank {rank} (node '{nodeName}').");
        }

        return (int)a;
    }

    /// <summary>Resolves a TF reshape target (one -1 allowed) against the element count.</summary>
    public static long[] ResolveReshape(long[] target, long count, string nodeName)
    {
        var result = (long[])target.Clone();
        int unknown = -1;
        long known = 1;
        for (int i = 0; i < result.Length; i++)
        {
            if (result[i] == -1)
            {
                if (unknown >= 0)
                {
                    throw new TfjsImportException($"Reshape target has more than one -1 (node '{nodeName}').");
                }

                unknown = i;
            }
            else
            {
                known *= result[i];
            }
        }

        if (unknown >= 0)
        {
            result[unknown] = known == 0 ? 0 : count / known;
        }

        if (ElementCount(result) != count)
        {
            throw new TfjsImportException($"Cannot reshape {count} elements to [{string.Join(",", target)}] (node '{nodeName}').");
        }

        return result;
    }

    public static string Format(long[] shape) => "[" + string.Join(",", shape) + "]";
}
