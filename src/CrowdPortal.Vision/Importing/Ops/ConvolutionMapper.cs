namespace CrowdPortal.Vision.Importing.Ops;

/// <summary>
/// Conv2D, DepthwiseConv2dNative and their fused forms (_FusedConv2D, FusedDepthwiseConv2dNative with fused_ops
/// BiasAdd followed by at most one of Relu, Relu6, LeakyRelu, Prelu). TF filters are HWIO (depthwise: H, W, C, multiplier);
/// ONNX wants OIHW, with depthwise as a grouped convolution whose output channel c*M+m matches TF's order.
/// </summary>
internal sealed class ConvolutionMapper : IOpMapper
{
    public IReadOnlyList<string> OpTypes { get; } = ["Conv2D", "_FusedConv2D", "DepthwiseConv2dNative", "FusedDepthwiseConv2dNative"];

    public void Map(TfNode node, ImportContext context)
    {
        bool depthwise = node.Op.Contains("Depthwise", StringComparison.Ordinal);
        GraphValue x = context.Input(node, 0);
        GraphValue filter = context.Input(node, 1);
        if (filter.Rank != 4)
        {
            throw new UnsupportedTfjsOpException(node.Op, node.Name, $"the filter must be 4-D, got {ShapeMath.Format(filter.Shape)}.");
        }

        long kh = filter.Shape[0], kw = filter.Shape[1], filterIn = filter.Shape[2], filterOut = filter.Shape[3];
        var geometry = SpatialGeometry.Read(node, x.Shape, [kh, kw]);
        long inChannels = x.Shape[geometry.ChannelsLast ? 3 : 1];
        long outChannels = depthwise ? filterIn * filterOut : filterOut;
        long group = depthwise ? filterIn : inChannels / filterIn;
        if (depthwise ? filterIn != inChannels : inChannels % filterIn != 0)
        {
            throw new TfjsImportException($"Node '{node.Name}': filter {ShapeMath.Format(filter.Shape)} does not fit input {ShapeMath.Format(x.Shape)}.");
        }

        (GraphValue source, SpatialGeometry withPads) = geometry.AbsorbPadding(x, 0f);
        geometry = withPads;
        var inputs = new List<string> { context.Emit(source, geometry.OnnxLayout), EmitFilter(node, context, filter, depthwise) };
        (string? activation, float alpha, GraphValue? slope) = ReadFusedOps(node, context, inputs, outChannels);

        long[] outShape = geometry.OutputShape(x.Shape[0], outChannels);
        string output = context.DefineOutput(node, 0, geometry.OnnxLayout, TfDataType.Float32, outShape);
        string convOutput = activation is null ? output : context.Graph.UniqueName(node.Name + "/conv");
        context.Graph.AddNode("Conv", inputs, [convOutput], node.Name)
            .Ints("kernel_shape", [kh, kw])
            .Ints("strides", geometry.Strides)
            .Ints("dilations", geometry.Dilations)
            .Ints("pads", geometry.OnnxPads)
            .Int("group", group);
        if (activation is not null)
        {
            string? slopeName = slope is null ? null : context.EmitBroadcastConstant(slope, 4, geometry.OnnxLayout);
            Activations.TryEmit(context, activation, convOutput, output, alpha, slopeName);
        }
    }

    private static string EmitFilter(TfNode node, ImportContext context, GraphValue filter, bool depthwise)
    {
        if (!depthwise)
        {
            return context.Emit(filter, [3, 2, 0, 1]); // HWIO -> OIHW
        }

        // [H, W, C, M] -> [C, M, H, W] -> [C*M, 1, H, W]
        long[] grouped = [filter.Shape[2] * filter.Shape[3], 1, filter.Shape[0], filter.Shape[1]];
        if (filter.Constant is { } data)
        {
            return context.Constant(data.Transpose([2, 3, 0, 1]).WithShape(grouped), filter.Hint);
        }

        string transposed = context.Emit(filter, [2, 3, 0, 1]);
        string output = context.Graph.UniqueName(node.Name + "/filter");
        context.Graph.AddNode("Reshape", [transposed, context.Int64Constant(node.Name + "/filter_shape", grouped)], [output]);
        return output;
    }

    /// <summary>Adds the bias input and returns the activation to apply after the convolution, if any.</summary>
    private static (string? Activation, float Alpha, GraphValue? Slope) ReadFusedOps(TfNode node, ImportContext context, List<string> inputs, long outChannels)
    {
        if (!node.Op.Contains("Fused", StringComparison.Ordinal))
        {
            return (null, 0f, null);
        }

        string[] fusedOps = node.GetStrings("fused_ops");
        string? activation = null;
        for (int i = 0; i < fusedOps.Length; i++)
        {
            bool ok = (i, fusedOps[i]) switch
            {
                (0, "BiasAdd") => true,
                (1, "Relu" or "Relu6" or "LeakyRelu" or "Prelu") => true,
                _ => false,
            };
            if (!ok)
            {
                throw new UnsupportedTfjsOpException(node.Op, node.Name,
                    $"fused_ops [{string.Join(", ", fusedOps)}] are not supported (BiasAdd optionally followed by Relu, Relu6, LeakyRelu or Prelu).");
            }

            if (i == 1)
            {
                activation = fusedOps[i];
            }
        }

        if (fusedOps.Length > 0)
        {
            GraphValue bias = context.Input(node, 2);
            if (bias.Rank != 1 || bias.Shape[0] != outChannels)
            {
                throw new TfjsImportException($"Node '{node.Name}': bias {ShapeMath.Format(bias.Shape)} does not match {outChannels} output channels.");
            }

            inputs.Add(context.EmitIdentity(bias));
        }

        GraphValue? slope = activation == "Prelu" ? context.Input(node, 3) : null;
        if (slope is { IsConstant: false })
        {
            throw new UnsupportedTfjsOpException(node.Op, node.Name, "a Prelu slope must be a constant.");
        }

        return (activation, node.GetFloat("leakyrelu_alpha", 0.2f), slope);
    }
}
