namespace CrowdPortal.Vision.Importing.Ops;

/// <summary>
/// Add, AddV2, Sub, Mul, Equal, FloorDiv and FloorMod with TF broadcasting. A constant operand is re-shaped and
/// permuted at import time to match the other operand's axis order, so e.g. a conv bias never forces a Transpose.
/// FloorDiv/FloorMod round toward negative infinity like TF: integer Mod with fmod=0 already does; integer FloorDiv is
/// (a - floormod(a, b)) / b, exact; float forms go through Floor.
/// </summary>
internal sealed class BinaryElementwiseMapper : IOpMapper
{
    public IReadOnlyList<string> OpTypes { get; } = ["Add", "AddV2", "Sub", "Mul", "Equal", "FloorDiv", "FloorMod"];

    public void Map(TfNode node, ImportContext context)
    {
        GraphValue a = context.Input(node, 0);
        GraphValue b = context.Input(node, 1);
        long[] shape = ShapeMath.Broadcast(a.Shape, b.Shape);
        (string left, string right, int[] layout) = EmitOperands(context, a, b, shape.Length);
        TfDataType type = node.Op == "Equal" ? TfDataType.Bool : a.Type;
        string output = context.DefineOutput(node, 0, layout, type, shape);
        OnnxGraphBuilder graph = context.Graph;
        bool integer = TfDataTypes.IsInteger(a.Type);
        switch (node.Op)
        {
            case "Add" or "AddV2":
                graph.AddNode("Add", [left, right], [output], node.Name);
                break;
            case "Sub":
                graph.AddNode("Sub", [left, right], [output], node.Name);
                break;
            case "Mul":
                graph.AddNode("Mul", [left, right], [output], node.Name);
                break;
            case "Equal":
                graph.AddNode("Equal", [left, right], [output], node.Name);
                break;
            case "FloorMod" when integer:
                graph.AddNode("Mod", [left, right], [output], node.Name).Int("fmod", 0);
                break;
            case "FloorMod":
                {
                    string quotient = graph.AddNode("Div", node.Name + "/div", left, right);
                    string floored = graph.AddNode("Floor", node.Name + "/floor", quotient);
                    string product = graph.AddNode("Mul", node.Name + "/mul", floored, right);
                    graph.AddNode("Sub", [left, product], [output], node.Name);
                    break;
                }

            case "FloorDiv" when integer:
                {
                    string remainder = graph.AddNode("Mod", [left, right], [graph.UniqueName(node.Name + "/mod")]).Int("fmod", 0).Output[0];
                    string exact = graph.AddNode("Sub", node.Name + "/sub", left, remainder);
                    graph.AddNode("Div", [exact, right], [output], node.Name);
                    break;
                }

            case "FloorDiv":
                {
                    string quotient = graph.AddNode("Div", node.Name + "/div", left, right);
                    graph.AddNode("Floor", [quotient], [output], node.Name);
                    break;
                }
        }
    }

    private static (string Left, string Right, int[] Layout) EmitOperands(ImportContext context, GraphValue a, GraphValue b, int rank)
    {
        if (!a.IsConstant && a.Rank == rank && (b.IsConstant || b.Rank == rank))
        {
            return (context.Emit(a, a.Layout), Side(context, b, rank, a.Layout), a.Layout);
        }

        if (!b.IsConstant && b.Rank == rank && a.IsConstant)
        {
            return (Side(context, a, rank, b.Layout), context.Emit(b, b.Layout), b.Layout);
        }

        // Mixed ranks between computed tensors: plain TF axis order, where ONNX broadcasting equals TF's.
        return (context.EmitIdentity(a), context.EmitIdentity(b), Permutation.Identity(rank));
    }

    private static string Side(ImportContext context, GraphValue v, int rank, int[] layout) =>
        v.IsConstant ? context.EmitBroadcastConstant(v, rank, layout) : context.Emit(v, layout);
}
