namespace CrowdPortal.Vision.Importing.Ops;

/// <summary>ConcatV2: inputs are brought to the first computed input's axis order and joined on the matching ONNX axis.</summary>
internal sealed class ConcatMapper : IOpMapper
{
    public IReadOnlyList<string> OpTypes { get; } = ["ConcatV2"];

    public void Map(TfNode node, ImportContext context)
    {
        int count = node.Inputs.Count - 1;
        if (count < 1)
        {
            throw new TfjsImportException($"Node '{node.Name}': ConcatV2 needs at least one value and an axis.");
        }

        var values = new GraphValue[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = context.Input(node, i);
        }

        int rank = values[0].Rank;
        int axis = ShapeMath.NormaliseAxis(context.ConstantInput(node, count, "axis").AsScalarLong(), rank, node.Name);
        int[] layout = Permutation.Identity(rank);
        foreach (GraphValue v in values)
        {
            if (!v.IsConstant)
            {
                layout = v.Layout;
                break;
            }
        }

        var outShape = (long[])values[0].Shape.Clone();
        outShape[axis] = 0;
        var inputs = new string[count];
        for (int i = 0; i < count; i++)
        {
            outShape[axis] += values[i].Shape[axis];
            inputs[i] = context.Emit(values[i], layout);
        }

        string output = context.DefineOutput(node, 0, layout, values[0].Type, outShape);
        context.Graph.AddNode("Concat", inputs, [output], node.Name).Int("axis", Permutation.OnnxAxisOf(layout, axis));
    }
}
