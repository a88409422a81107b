namespace CrowdPortal.Vision.Importing.Ops;

/// <summary>Cast between float32, int32, int64 and bool; the tensor keeps its axis order.</summary>
internal sealed class CastMapper : IOpMapper
{
    public IReadOnlyList<string> OpTypes { get; } = ["Cast"];

    public void Map(TfNode node, ImportContext context)
    {
        GraphValue x = context.Input(node, 0);
        TfDataType to = node.GetType("DstT");
        string input = context.Emit(x, x.Layout);
        string output = context.DefineOutput(node, 0, x.Layout, to, x.Shape);
        context.Graph.AddNode("Cast", [input], [output], node.Name).Int("to", TfDataTypes.ToOnnx(to));
    }
}
