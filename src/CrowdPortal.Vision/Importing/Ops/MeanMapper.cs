namespace CrowdPortal.Vision.Importing.Ops;

/// <summary>Mean over constant axes. With keep_dims the tensor keeps its axis order and the axes are re-mapped.</summary>
internal sealed class MeanMapper : IOpMapper
{
    public IReadOnlyList<string> OpTypes { get; } = ["Mean"];

    public void Map(TfNode node, ImportContext context)
    {
        GraphValue x = context.Input(node, 0);
        long[] rawAxes = context.ConstantInput(node, 1, "reduction_indices").AsLongs();
        bool keepDims = node.GetBool("keep_dims", false);
        if (rawAxes.Length == 0)
        {
            context.Define(node, 0, x); // TF reduces nothing when given no axes
            return;
        }

        var reduced = new bool[x.Rank];
        foreach (long a in rawAxes)
        {
            reduced[ShapeMath.NormaliseAxis(a, x.Rank, node.Name)] = true;
        }

        int[] layout = keepDims ? x.Layout : Permutation.Identity(x.Rank);
        var onnxAxes = new List<long>();
        var outShape = new List<long>();
        for (int d = 0; d < x.Rank; d++)
        {
            if (reduced[d])
            {
                onnxAxes.Add(Permutation.OnnxAxisOf(layout, d));
                if (keepDims)
                {
                    outShape.Add(1);
                }
            }
            else
            {
                outShape.Add(x.Shape[d]);
            }
        }

        onnxAxes.Sort();
        string input = context.Emit(x, layout);
        int[] outLayout = keepDims ? layout : Permutation.Identity(outShape.Count);
        string output = context.DefineOutput(node, 0, outLayout, x.Type, [.. outShape]);
        context.Graph.AddNode("ReduceMean", [input], [output], node.Name).Ints("axes", onnxAxes).Int("keepdims", keepDims ? 1 : 0);
    }
}
