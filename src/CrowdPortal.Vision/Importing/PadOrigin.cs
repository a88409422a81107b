namespace CrowdPortal.Vision.Importing;

/// <summary>A padded value's unpadded source, its TF paddings ([rank, 2] flattened, TF axis order) and the fill value.</summary>
internal sealed record PadOrigin(GraphValue Source, long[] Paddings, float Value)
{
    /// <summary>
    /// The spatial padding (top, left, bottom, right) when only the H and W axes of a 4-D tensor are padded with
    /// <paramref name="fill"/>; null otherwise.
    /// </summary>
    public (long[] Begin, long[] End)? SpatialOnly(bool channelsLast, float fill)
    {
        if (Paddings.Length != 8 || !Value.Equals(fill))
        {
            return null;
        }

        int h = channelsLast ? 1 : 2;
        int c = channelsLast ? 3 : 1;
        if (Paddings[0] != 0 || Paddings[1] != 0 || Paddings[2 * c] != 0 || Paddings[(2 * c) + 1] != 0)
        {
            return null;
        }

        return ([Paddings[2 * h], Paddings[2 * (h + 1)]], [Paddings[(2 * h) + 1], Paddings[(2 * (h + 1)) + 1]]);
    }
}
