namespace CrowdPortal.Vision.Importing.Ops;

/// <summary>Relu, Relu6, LeakyRelu (alpha, TF default 0.2) and Sigmoid; the tensor keeps its axis order.</summary>
internal sealed class ActivationMapper : IOpMapper
{
    public IReadOnlyList<string> OpTypes { get; } = ["Relu", "Relu6", "LeakyRelu", "Sigmoid"];

    public void Map(TfNode node, ImportContext context)
    {
        GraphValue x = context.Input(node, 0);
        string input = context.Emit(x, x.Layout);
        string output = context.DefineOutput(node, 0, x.Layout, x.Type, x.Shape);
        Activations.TryEmit(context, node.Op, input, output, node.GetFloat("alpha", 0.2f), null);
    }
}
