namespace CrowdPortal.Vision.Importing.Ops;

/// <summary>MaxPool (2-D). ONNX MaxPool ignores padded cells, which is what TF's SAME max pooling does too.</summary>
internal sealed class MaxPoolMapper : IOpMapper
{
    public IReadOnlyList<string> OpTypes { get; } = ["MaxPool"];

    public void Map(TfNode node, ImportContext context)
    {
        GraphValue x = context.Input(node, 0);
        bool channelsLast = SpatialGeometry.IsChannelsLast(node);
        long[] ksize = node.GetInts("ksize");
        int h = channelsLast ? 1 : 2;
        if (ksize.Length != 4 || ksize[0] != 1 || ksize[channelsLast ? 3 : 1] != 1)
        {
            throw new UnsupportedTfjsOpException(node.Op, node.Name, "only spatial 2-D pooling windows are supported.");
        }

        // ONNX MaxPool never picks a padded cell, which equals TF padding with -inf first, so only that folds in.
        (GraphValue source, SpatialGeometry geometry) = SpatialGeometry.Read(node, x.Shape, [ksize[h], ksize[h + 1]])
            .AbsorbPadding(x, float.NegativeInfinity);
        long channels = x.Shape[channelsLast ? 3 : 1];
        string input = context.Emit(source, geometry.OnnxLayout);
        string output = context.DefineOutput(node, 0, geometry.OnnxLayout, x.Type, geometry.OutputShape(x.Shape[0], channels));
        context.Graph.AddNode("MaxPool", [input], [output], node.Name)
            .Ints("kernel_shape", [ksize[h], ksize[h + 1]])
            .Ints("strides", geometry.Strides)
            .Ints("pads", geometry.OnnxPads);
    }
}
