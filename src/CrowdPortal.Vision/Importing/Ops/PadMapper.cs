namespace CrowdPortal.Vision.Importing.Ops;

/// <summary>
/// Pad and PadV2 (constant mode). Paddings are re-ordered to the tensor's ONNX axis order, so no data moves; the result
/// remembers its source so a following convolution (zero fill) or max pool (-inf fill) can absorb the padding.
/// </summary>
internal sealed class PadMapper : IOpMapper
{
    public IReadOnlyList<string> OpTypes { get; } = ["Pad", "PadV2"];

    public void Map(TfNode node, ImportContext context)
    {
        GraphValue x = context.Input(node, 0);
        long[] paddings = context.ConstantInput(node, 1, "paddings").AsLongs();
        if (paddings.Length != 2 * x.Rank)
        {
            throw new TfjsImportException($"Node '{node.Name}': paddings must be [{x.Rank},2].");
        }

        var pads = new long[2 * x.Rank];
        var outShape = new long[x.Rank];
        for (int i = 0; i < x.Rank; i++)
        {
            int tfAxis = x.Layout[i];
            pads[i] = paddings[2 * tfAxis];
            pads[x.Rank + i] = paddings[(2 * tfAxis) + 1];
        }

        for (int d = 0; d < x.Rank; d++)
        {
            outShape[d] = x.Shape[d] + paddings[2 * d] + paddings[(2 * d) + 1];
        }

        var inputs = new List<string> { context.Emit(x, x.Layout), context.Int64Constant(node.Name + "/pads", pads) };
        float? fill = 0f;
        if (node.Op == "PadV2")
        {
            GraphValue value = context.Input(node, 2);
            inputs.Add(context.EmitIdentity(value));
            fill = value.Constant is { Count: 1, Floats: not null } c ? c.Floats[0] : null;
        }

        string output = context.DefineOutput(node, 0, x.Layout, x.Type, outShape);
        context.Graph.AddNode("Pad", inputs, [output], node.Name).String("mode", "constant");

        // Emitted anyway; if every consumer folds the padding into its own pads, the builder drops the unused node.
        if (fill is { } f && x.Type == TfDataType.Float32)
        {
            context.Lookup(ImportContext.OutputName(node, 0)).PaddedFrom = new PadOrigin(x, paddings, f);
        }
    }
}
