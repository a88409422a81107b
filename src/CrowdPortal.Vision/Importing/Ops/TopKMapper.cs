namespace CrowdPortal.Vision.Importing.Ops;

/// <summary>
/// TopKV2 over the last axis, largest first. ONNX returns int64 indices; they are cast to TF's int32 so downstream
/// integer arithmetic keeps TF's types. Ties keep the lower index first in both runtimes.
/// </summary>
internal sealed class TopKMapper : IOpMapper
{
    public IReadOnlyList<string> OpTypes { get; } = ["TopKV2"];

    public void Map(TfNode node, ImportContext context)
    {
        GraphValue x = context.Input(node, 0);
        long k = context.ConstantInput(node, 1, "k").AsScalarLong();
        long[] shape = (long[])x.Shape.Clone();
        shape[^1] = k;
        int[] identity = Permutation.Identity(x.Rank);
        string input = context.EmitIdentity(x);
        string values = context.DefineOutput(node, 0, identity, x.Type, shape);
        string indices = context.DefineOutput(node, 1, identity, TfDataType.Int32, shape);
        string indices64 = context.Graph.UniqueName(node.Name + "/indices64");
        context.Graph.AddNode("TopK", [input, context.Int64Constant(node.Name + "/k", k)], [values, indices64], node.Name)
            .Int("axis", -1)
            .Int("largest", 1)
            .Int("sorted", 1);
        context.Graph.AddNode("Cast", [indices64], [indices]).Int("to", TfDataTypes.ToOnnx(TfDataType.Int32));
    }
}
