namespace CrowdPortal.Vision.Importing.Ops;

/// <summary>
/// Ops that only rearrange or rename data: Identity (an alias), Transpose (recorded as a new axis order, no node),
/// Reshape (constant target, resolved at import) and ExpandDims.
/// </summary>
internal sealed class ShapeOpsMapper : IOpMapper
{
    public IReadOnlyList<string> OpTypes { get; } = ["Identity", "Transpose", "Reshape", "ExpandDims"];

    public void Map(TfNode node, ImportContext context)
    {
        GraphValue x = context.Input(node, 0);
        switch (node.Op)
        {
            case "Identity":
                context.Define(node, 0, x);
                break;
            case "Transpose":
                MapTranspose(node, context, x);
                break;
            case "Reshape":
                {
                    long[] given = context.ConstantInput(node, 1, "shape").AsLongs();
                    long[] target = ShapeMath.ResolveReshape(given, ShapeMath.ElementCount(x.Shape), node.Name);

                    // At any image size the -1 stays for ONNX Runtime to resolve: it is the axis that grows with the image.
                    EmitReshape(node, context, x, target, context.Options.AnyImageSize ? given : target);
                    break;
                }

            case "ExpandDims":
                {
                    int axis = ShapeMath.NormaliseAxis(context.ConstantInput(node, 1, "axis").AsScalarLong(), x.Rank + 1, node.Name);
                    var shape = new List<long>(x.Shape);
                    shape.Insert(axis, 1);
                    string input = context.EmitIdentity(x);
                    string output = context.DefineOutput(node, 0, Permutation.Identity(shape.Count), x.Type, [.. shape]);
                    context.Graph.AddNode("Unsqueeze", [input, context.Int64Constant(node.Name + "/axes", axis)], [output], node.Name);
                    break;
                }
        }
    }

    private static void MapTranspose(TfNode node, ImportContext context, GraphValue x)
    {
        long[] perm = context.ConstantInput(node, 1, "perm").AsLongs();
        if (perm.Length != x.Rank || !Permutation.IsValid(perm))
        {
            throw new TfjsImportException($"Node '{node.Name}': [{string.Join(",", perm)}] is not a permutation of rank {x.Rank}.");
        }

        int[] p = Array.ConvertAll(perm, v => (int)v);
        long[] shape = Permutation.Apply(p, x.Shape);
        if (x.Constant is { } data)
        {
            context.Define(node, 0, GraphValue.FromConstant(data.Transpose(p), node.Name));
            return;
        }

        GraphValue y = Transposed(x, p);
        if (x.PaddedFrom is { Source.IsConstant: false } origin)
        {
            // transpose(pad(s)) = pad(transpose(s)) with the paddings permuted the same way.
            var paddings = new long[origin.Paddings.Length];
            for (int k = 0; k < p.Length; k++)
            {
                paddings[2 * k] = origin.Paddings[2 * p[k]];
                paddings[(2 * k) + 1] = origin.Paddings[(2 * p[k]) + 1];
            }

            y.PaddedFrom = origin with { Source = Transposed(origin.Source, p), Paddings = paddings };
        }

        context.Define(node, 0, y);
    }

    /// <summary>y = transpose(x, p) as a new view of the same ONNX tensor: y dim k = x dim p[k], and ONNX dim j, which
    /// holds x dim Layout[j], holds y dim inverse(p)[Layout[j]].</summary>
    private static GraphValue Transposed(GraphValue x, int[] p)
    {
        int[] inverse = Permutation.Inverse(p);
        var layout = new int[x.Rank];
        for (int j = 0; j < x.Rank; j++)
        {
            layout[j] = inverse[x.Layout[j]];
        }

        return x.WithLayout(layout, Permutation.Apply(p, x.Shape));
    }

    private static void EmitReshape(TfNode node, ImportContext context, GraphValue x, long[] target, long[] emitted)
    {
        string input = context.EmitIdentity(x);
        string output = context.DefineOutput(node, 0, Permutation.Identity(target.Length), x.Type, target);

        // allowzero=1: a 0 in the target means an empty axis, as in TF, not "copy the input's axis" (ONNX's default).
        context.Graph.AddNode("Reshape", [input, context.Int64Constant(node.Name + "/shape", emitted)], [output], node.Name).Int("allowzero", 1);
    }
}
