using System.Text.Json;

namespace CrowdPortal.Vision.Importing;

/// <summary>A parsed TF.js graph model: its GraphDef nodes, decoded weights, and the signature's inputs and outputs.</summary>
internal sealed class TfjsModel
{
    private TfjsModel(IReadOnlyList<TfNode> nodes, Dictionary<string, TensorData> weights, IReadOnlyList<string> outputs)
    {
        Nodes = nodes;
        Weights = weights;
        Outputs = outputs;
    }

    public IReadOnlyList<TfNode> Nodes { get; }

    public IReadOnlyDictionary<string, TensorData> Weights { get; }

    /// <summary>Output tensor names in the signature's order ("node" or "node:k"), or the graph's sinks without a signature.</summary>
    public IReadOnlyList<string> Outputs { get; }

    public static TfjsModel Load(string modelJsonPath)
    {
        if (!File.Exists(modelJsonPath))
        {
            throw new FileNotFoundException("TF.js model.json not found.", modelJsonPath);
        }

        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(modelJsonPath));
        JsonElement root = doc.RootElement;
        if (root.TryGetProperty("format", out JsonElement format) && format.GetString() != "graph-model")
        {
            throw new TfjsImportException($"'{modelJsonPath}' is a '{format.GetString()}', not a TF.js graph-model.");
        }

        if (!root.TryGetProperty("modelTopology", out JsonElement topology) || !topology.TryGetProperty("node", out JsonElement nodeArray))
        {
            throw new TfjsImportException($"'{modelJsonPath}' has no modelTopology.node list.");
        }

        var nodes = new List<TfNode>();
        foreach (JsonElement n in nodeArray.EnumerateArray())
        {
            var inputs = new List<string>();
            if (n.TryGetProperty("input", out JsonElement ins))
            {
                foreach (JsonElement i in ins.EnumerateArray())
                {
                    string s = i.GetString() ?? string.Empty;
                    if (!s.StartsWith('^'))
                    {
                        inputs.Add(s);
                    }
                }
            }

            JsonElement attr = n.TryGetProperty("attr", out JsonElement a) ? a.Clone() : default;
            nodes.Add(new TfNode(n.GetProperty("name").GetString()!, n.GetProperty("op").GetString()!, inputs, attr));
        }

        string folder = Path.GetDirectoryName(Path.GetFullPath(modelJsonPath))!;
        Dictionary<string, TensorData> weights = root.TryGetProperty("weightsManifest", out JsonElement manifest)
            ? TfjsWeightDecoder.Decode(manifest, folder)
            : new Dictionary<string, TensorData>(StringComparer.Ordinal);

        return new TfjsModel(nodes, weights, ReadOutputs(root, nodes));
    }

    private static List<string> ReadOutputs(JsonElement root, List<TfNode> nodes)
    {
        var outputs = new List<string>();
        if (root.TryGetProperty("signature", out JsonElement signature) && signature.TryGetProperty("outputs", out JsonElement sigOutputs))
        {
            foreach (JsonProperty p in sigOutputs.EnumerateObject())
            {
                string name = p.Value.TryGetProperty("name", out JsonElement n) ? n.GetString() ?? p.Name : p.Name;
                outputs.Add(name.EndsWith(":0", StringComparison.Ordinal) ? name[..^2] : name);
            }
        }

        if (outputs.Count > 0)
        {
            return outputs;
        }

        // No signature: every non-constant node that no other node consumes is an output.
        var consumed = new HashSet<string>(StringComparer.Ordinal);
        foreach (TfNode node in nodes)
        {
            foreach (string input in node.Inputs)
            {
                int colon = input.IndexOf(':', StringComparison.Ordinal);
                consumed.Add(colon < 0 ? input : input[..colon]);
            }
        }

        foreach (TfNode node in nodes)
        {
            if (node.Op is not "Const" and not "Placeholder" && !consumed.Contains(node.Name))
            {
                outputs.Add(node.Name);
            }
        }

        return outputs;
    }
}
