namespace CrowdPortal.Vision.Importing.Ops;

/// <summary>Emits the ONNX form of the TF activations, standalone or fused into a convolution.</summary>
internal static class Activations
{
    /// <summary>Writes <paramref name="kind"/>(input) into <paramref name="output"/>; false if the activation is unknown.</summary>
    public static bool TryEmit(ImportContext context, string kind, string input, string output, float leakyAlpha, string? preluSlope)
    {
        OnnxGraphBuilder graph = context.Graph;
        switch (kind)
        {
            case "Relu":
                graph.AddNode("Relu", [input], [output]);
                return true;
            case "Relu6":
                graph.AddNode("Clip", [input, context.FloatScalar("relu6_min", 0f), context.FloatScalar("relu6_max", 6f)], [output]);
                return true;
            case "LeakyRelu":
                graph.AddNode("LeakyRelu", [input], [output]).Float("alpha", leakyAlpha);
                return true;
            case "Sigmoid":
                graph.AddNode("Sigmoid", [input], [output]);
                return true;
            case "Prelu" when preluSlope is not null:
                graph.AddNode("PRelu", [input, preluSlope], [output]);
                return true;
            default:
                return false;
        }
    }
}
