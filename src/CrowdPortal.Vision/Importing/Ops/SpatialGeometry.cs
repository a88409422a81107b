namespace CrowdPortal.Vision.Importing.Ops;

/// <summary>
/// Spatial attributes shared by convolutions and pooling: which axes are H/W for the node's data_format, strides and
/// dilations, and TF padding (SAME / VALID / EXPLICIT) turned into explicit ONNX pads. TF's SAME puts the odd extra
/// pixel at the bottom/right, which explicit pads reproduce exactly (and keep the graph free of auto_pad).
/// </summary>
internal sealed class SpatialGeometry
{
    private SpatialGeometry(bool channelsLast, long[] strides, long[] dilations, long[] padBegin, long[] padEnd, long[] outSize)
    {
        ChannelsLast = channelsLast;
        Strides = strides;
        Dilations = dilations;
        PadBegin = padBegin;
        PadEnd = padEnd;
        OutSize = outSize;
    }

    /// <summary>True for NHWC (the TF default); false for NCHW.</summary>
    public bool ChannelsLast { get; }

    public long[] Strides { get; }

    public long[] Dilations { get; }

    public long[] PadBegin { get; }

    public long[] PadEnd { get; }

    /// <summary>Output height and width.</summary>
    public long[] OutSize { get; }

    /// <summary>The ONNX-side layout of a 4-D tensor in this data format (ONNX wants channels first).</summary>
    public int[] OnnxLayout => ChannelsLast ? Permutation.NhwcAsNchw : Permutation.Identity(4);

    /// <summary>ONNX pads attribute: [top, left, bottom, right].</summary>
    public long[] OnnxPads => [PadBegin[0], PadBegin[1], PadEnd[0], PadEnd[1]];

    public static bool IsChannelsLast(TfNode node)
    {
        string format = node.GetString("data_format", "NHWC");
        return format switch
        {
            "NHWC" => true,
            "NCHW" => false,
            _ => throw new UnsupportedTfjsOpException(node.Op, node.Name, $"data_format '{format}' is not supported (NHWC, NCHW)."),
        };
    }

    /// <summary>Reads strides/dilations/padding of <paramref name="node"/> for an input of TF shape <paramref name="input"/> and a kernel of size <paramref name="kernel"/> (H, W).</summary>
    public static SpatialGeometry Read(TfNode node, long[] input, long[] kernel)
    {
        if (input.Length != 4)
        {
            throw new UnsupportedTfjsOpException(node.Op, node.Name, $"only 4-D inputs are supported, got {ShapeMath.Format(input)}.");
        }

        bool channelsLast = IsChannelsLast(node);
        int h = channelsLast ? 1 : 2;
        long[] strides = Pick(node.GetInts("strides"), h);
        long[] dilations = Pick(node.GetInts("dilations"), h);
        long[] inSize = [input[h], input[h + 1]];
        var begin = new long[2];
        var end = new long[2];
        var outSize = new long[2];
        string padding = node.GetString("padding", "VALID");
        long[] explicitPads = node.GetInts("explicit_paddings");
        for (int i = 0; i < 2; i++)
        {
            long effectiveKernel = ((kernel[i] - 1) * dilations[i]) + 1;
            switch (padding)
            {
                case "VALID":
                    break;
                case "SAME":
                    {
                        long wanted = (inSize[i] + strides[i] - 1) / strides[i];
                        long total = Math.Max(((wanted - 1) * strides[i]) + effectiveKernel - inSize[i], 0);
                        begin[i] = total / 2;
                        end[i] = total - begin[i];
                        break;
                    }

                case "EXPLICIT":
                    if (explicitPads.Length != 8)
                    {
                        throw new UnsupportedTfjsOpException(node.Op, node.Name, "EXPLICIT padding needs 8 explicit_paddings values.");
                    }

                    begin[i] = explicitPads[(h + i) * 2];
                    end[i] = explicitPads[((h + i) * 2) + 1];
                    break;
                default:
                    throw new UnsupportedTfjsOpException(node.Op, node.Name, $"padding '{padding}' is not supported (SAME, VALID, EXPLICIT).");
            }

            outSize[i] = ((inSize[i] + begin[i] + end[i] - effectiveKernel) / strides[i]) + 1;
        }

        return new SpatialGeometry(channelsLast, strides, dilations, begin, end, outSize);
    }

    /// <summary>
    /// If <paramref name="x"/> is a spatial-only constant Pad with <paramref name="fill"/>, returns its unpadded source and
    /// this geometry with the padding added to the node's own pads (same output); otherwise returns both unchanged.
    /// </summary>
    public (GraphValue Input, SpatialGeometry Geometry) AbsorbPadding(GraphValue x, float fill)
    {
        if (x.PaddedFrom?.SpatialOnly(ChannelsLast, fill) is not { } pad)
        {
            return (x, this);
        }

        long[] begin = [PadBegin[0] + pad.Begin[0], PadBegin[1] + pad.Begin[1]];
        long[] end = [PadEnd[0] + pad.End[0], PadEnd[1] + pad.End[1]];
        return (x.PaddedFrom.Source, new SpatialGeometry(ChannelsLast, Strides, Dilations, begin, end, OutSize));
    }

    /// <summary>The TF shape of an output with <paramref name="channels"/> channels.</summary>
    public long[] OutputShape(long batch, long channels) =>
        ChannelsLast ? [batch, OutSize[0], OutSize[1], channels] : [batch, channels, OutSize[0], OutSize[1]];

    private static long[] Pick(long[] list, int h) => list.Length == 4 ? [list[h], list[h + 1]] : [1, 1];
}
