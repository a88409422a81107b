using System.Text.Json.Nodes;

namespace CrowdPortal.Vision.Tests.Importing;

/// <summary>
/// Writes a small hand-made TF.js graph model (model.json + weights.bin) into a temporary folder, for tests that need a
/// graph the reference fixtures do not have (unsupported ops, malformed weights). Deleted on dispose.
/// </summary>
internal sealed class TinyTfjsModel : IDisposable
{
    private readonly JsonArray _nodes = [];
    private readonly JsonArray _weights = [];
    private readonly MemoryStream _bin = new();

    public TinyTfjsModel()
    {
        Folder = Path.Combine(Path.GetTempPath(), "tfjs-import-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public string ModelJsonPath => Path.Combine(Folder, "model.json");

    public TinyTfjsModel Placeholder(string name, params long[] shape)
    {
        var dims = new JsonArray();
        foreach (long d in shape)
        {
            dims.Add(new JsonObject { ["size"] = d.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        _nodes.Add(new JsonObject
        {
            ["name"] = name,
            ["op"] = "Placeholder",
            ["attr"] = new JsonObject
            {
                ["dtype"] = new JsonObject { ["type"] = "DT_FLOAT" },
                ["shape"] = new JsonObject { ["shape"] = new JsonObject { ["dim"] = dims } },
            },
        });
        return this;
    }

    /// <summary>A float Const stored as float16 bits given verbatim.</summary>
    public TinyTfjsModel HalfConstant(string name, long[] shape, params ushort[] halfBits)
    {
        AddConstNode(name, "DT_FLOAT");
        foreach (ushort bits in halfBits)
        {
            _bin.Write(BitConverter.GetBytes(bits));
        }

        _weights.Add(new JsonObject
        {
            ["name"] = name,
            ["shape"] = ShapeArray(shape),
            ["dtype"] = "float32",
            ["quantization"] = new JsonObject { ["dtype"] = "float16", ["original_dtype"] = "float32" },
        });
        return this;
    }

    /// <summary>A float Const stored with uint8 affine quantisation (value = q * scale + min).</summary>
    public TinyTfjsModel Uint8Constant(string name, long[] shape, float scale, float min, params byte[] quantised)
    {
        AddConstNode(name, "DT_FLOAT");
        _bin.Write(quantised);
        _weights.Add(new JsonObject
        {
            ["name"] = name,
            ["shape"] = ShapeArray(shape),
            ["dtype"] = "float32",
            ["quantization"] = new JsonObject { ["dtype"] = "uint8", ["scale"] = scale, ["min"] = min, ["original_dtype"] = "float32" },
        });
        return this;
    }

    /// <summary>An op node; attributes are given as ready GraphDef JSON.</summary>
    public TinyTfjsModel Op(string name, string op, string[] inputs, JsonObject? attr = null)
    {
        var inputArray = new JsonArray();
        foreach (string input in inputs)
        {
            inputArray.Add(input);
        }

        _nodes.Add(new JsonObject { ["name"] = name, ["op"] = op, ["input"] = inputArray, ["attr"] = attr ?? [] });
        return this;
    }

    /// <summary>Writes model.json (with the given signature outputs) and weights.bin.</summary>
    public string Write(params string[] outputs)
    {
        var signatureOutputs = new JsonObject();
        foreach (string output in outputs)
        {
            signatureOutputs[output + ":0"] = new JsonObject { ["name"] = output + ":0" };
        }

        var model = new JsonObject
        {
            ["format"] = "graph-model",
            ["signature"] = new JsonObject { ["outputs"] = signatureOutputs },
            ["modelTopology"] = new JsonObject { ["node"] = _nodes.DeepClone() },
            ["weightsManifest"] = new JsonArray(new JsonObject { ["paths"] = new JsonArray("weights.bin"), ["weights"] = _weights.DeepClone() }),
        };
        File.WriteAllText(ModelJsonPath, model.ToJsonString());
        File.WriteAllBytes(Path.Combine(Folder, "weights.bin"), _bin.ToArray());
        return ModelJsonPath;
    }

    public static JsonObject StringAttr(string value) =>
        new() { ["s"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(value)) };

    public void Dispose()
    {
        _bin.Dispose();
        Directory.Delete(Folder, recursive: true);
    }

    private static JsonArray ShapeArray(long[] shape)
    {
        var array = new JsonArray();
        foreach (long d in shape)
        {
            array.Add(d);
        }

        return array;
    }

    private void AddConstNode(string name, string dtype) =>
        _nodes.Add(new JsonObject { ["name"] = name, ["op"] = "Const", ["attr"] = new JsonObject { ["dtype"] = new JsonObject { ["type"] = dtype } } });
}
