namespace CrowdPortal.Vision.Importing.Ops;

/// <summary>GatherV2 with a constant axis and batch_dims 0.</summary>
internal sealed class GatherMapper : IOpMapper
{
    public IReadOnlyList<string> OpTypes { get; } = ["GatherV2"];

    public void Map(TfNode node, ImportContext context)
    {
        GraphValue data = context.Input(node, 0);
        GraphValue indices = context.Input(node, 1);
        int axis = ShapeMath.NormaliseAxis(context.ConstantInput(node, 2, "axis").AsScalarLong(), data.Rank, node.Name);
        if (node.GetInt("batch_dims", 0) != 0)
        {
            throw new UnsupportedTfjsOpException(node.Op, node.Name, "batch_dims other than 0 is not supported.");
        }

        var shape = new List<long>();
        shape.AddRange(data.Shape[..axis]);
        shape.AddRange(indices.Shape);
        shape.AddRange(data.Shape[(axis + 1)..]);
        string dataName = context.EmitIdentity(data);
        string indicesName = context.EmitIdentity(indices);
        string output = context.DefineOutput(node, 0, Permutation.Identity(shape.Count), data.Type, [.. shape]);
        context.Graph.AddNode("Gather", [dataName, indicesName], [output], node.Name).Int("axis", axis);
    }
}
