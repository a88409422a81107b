using Onnx;

namespace CrowdPortal.Vision.Importing.Quantization;

/// <summary>Look-ups over an ONNX graph the quantiser needs: who reads a tensor, and dropping initializers nobody reads.</summary>
internal static class OnnxGraphIndex
{
    /// <summary>For each tensor name, the nodes that read it (in graph order).</summary>
    public static Dictionary<string, List<NodeProto>> Consumers(GraphProto graph)
    {
        var consumers = new Dictionary<string, List<NodeProto>>(StringComparer.Ordinal);
        foreach (NodeProto node in graph.Node)
        {
            foreach (string input in node.Input)
            {
                if (input.Length == 0)
                {
                    continue;
                }

                if (!consumers.TryGetValue(input, out var list))
                {
                    consumers[input] = list = [];
                }

                if (!list.Contains(node))
                {
                    list.Add(node);
                }
            }
        }

        return consumers;
    }

    public static void RemoveUnusedInitializers(GraphProto graph)
    {
        var used = graph.Node.SelectMany(n => n.Input).ToHashSet(StringComparer.Ordinal);
        var kept = graph.Initializer.Where(t => used.Contains(t.Name)).ToList();
        graph.Initializer.Clear();
        graph.Initializer.AddRange(kept);
    }
}
