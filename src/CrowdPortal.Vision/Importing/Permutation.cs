namespace CrowdPortal.Vision.Importing;

/// <summary>
/// Axis permutations. The importer keeps each TF tensor in whatever axis order is cheapest for ONNX and records it as a
/// permutation p: ONNX dimension i holds TF dimension p[i]. NHWC data that ONNX convolutions want as NCHW thus carries
/// p = [0,3,1,2], and a TF Transpose merely changes p instead of moving data.
/// </summary>
internal static class Permutation
{
    /// <summary>NHWC tensor stored channels-first.</summary>
    public static readonly int[] NhwcAsNchw = [0, 3, 1, 2];

    public static int[] Identity(int rank)
    {
        var p = new int[rank];
        for (int i = 0; i < rank; i++)
        {
            p[i] = i;
        }

        return p;
    }

    public static bool IsIdentity(int[] p)
    {
        for (int i = 0; i < p.Length; i++)
        {
            if (p[i] != i)
            {
                return false;
            }
        }

        return true;
    }

    public static int[] Inverse(int[] p)
    {
        var inv = new int[p.Length];
        for (int i = 0; i < p.Length; i++)
        {
            inv[p[i]] = i;
        }

        return inv;
    }

    /// <summary>result[i] = values[p[i]].</summary>
    public static T[] Apply<T>(int[] p, T[] values)
    {
        var result = new T[p.Length];
        for (int i = 0; i < p.Length; i++)
        {
            result[i] = values[p[i]];
        }

        return result;
    }

    /// <summary>The ONNX axis that holds TF axis <paramref name="tfAxis"/> under layout <paramref name="p"/>.</summary>
    public static int OnnxAxisOf(int[] p, int tfAxis) => Array.IndexOf(p, tfAxis);

    public static bool SameAs(int[] a, int[] b) => a.AsSpan().SequenceEqual(b);

    public static string Key(int[] p) => string.Join(",", p);

    /// <summary>Checks that p is a permutation of 0..n-1.</summary>
    public static bool IsValid(long[] p)
    {
        var seen = new bool[p.Length];
        foreach (long v in p)
        {
            if (v < 0 || v >= p.Length || seen[v])
            {
                return false;
            }

            seen[v] = true;
        }

        return true;
    }
}
