namespace CrowdPortal.Vision.Importing.Ops;

/// <summary>SplitV (size_splits may hold one -1); outputs keep the input's axis order.</summary>
internal sealed class SplitMapper : IOpMapper
{
    public IReadOnlyList<string> OpTypes { get; } = ["SplitV"];

    public void Map(TfNode node, ImportContext context)
    {
        GraphValue x = context.Input(node, 0);
        long[] sizes = (long[])context.ConstantInput(node, 1, "size_splits").AsLongs().Clone();
        int axis = ShapeMath.NormaliseAxis(context.ConstantInput(node, 2, "split_dim").AsScalarLong(), x.Rank, node.Name);
        long known = 0;
        int unknown = -1;
        for (int i = 0; i < sizes.Length; i++)
        {
            if (sizes[i] == -1)
            {
                unknown = i;
            }
            else
            {
                known += sizes[i];
            }
        }

        if (unknown >= 0)
        {
            sizes[unknown] = x.Shape[axis] - known;
        }

        var outputs = new string[sizes.Length];
        for (int k = 0; k < sizes.Length; k++)
        {
            var shape = (long[])x.Shape.Clone();
            shape[axis] = sizes[k];
            outputs[k] = context.DefineOutput(node, k, x.Layout, x.Type, shape);
        }

        string input = context.Emit(x, x.Layout);
        context.Graph.AddNode("Split", [input, context.Int64Constant(node.Name + "/split", sizes)], outputs, node.Name)
            .Int("axis", Permutation.OnnxAxisOf(x.Layout, axis));
    }
}
