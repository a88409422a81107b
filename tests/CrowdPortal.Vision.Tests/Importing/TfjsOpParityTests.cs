using System.Text.Json;
using CrowdPortal.Vision.Importing;
using Microsoft.ML.OnnxRuntime;

namespace CrowdPortal.Vision.Tests.Importing;

/// <summary>
/// Op by op: each fixture is a tiny TF.js graph (float16 weights) written and run by TF.js itself
/// (tools/tfjs-reference/make-op-fixtures.mjs). The importer's ONNX model must give the same outputs in ONNX Runtime.
/// </summary>
public sealed class TfjsOpParityTests
{
    private const double Tolerance = 1e-4;

    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (JsonElement c in LoadCases())
        {
            data.Add(c.GetProperty("name").GetString()!);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void ImportedGraph_GivesTfjsOutputs(string caseName)
    {
        JsonElement testCase = LoadCases().Single(c => c.GetProperty("name").GetString() == caseName);
        byte[] onnx = TfjsModelImporter.Import(Path.Combine(TfjsFixtures.OpsFolder, testCase.GetProperty("model").GetString()!));

        var inputs = new Dictionary<string, (int[] Shape, float[] Values)>();
        foreach (JsonProperty input in testCase.GetProperty("inputs").EnumerateObject())
        {
            inputs[input.Name] = (Ints(input.Value.GetProperty("shape")), Floats(input.Value.GetProperty("values")));
        }

        using var session = new InferenceSession(onnx);
        Dictionary<string, OrtTestRunner.Output> actual = OrtTestRunner.Run(session, inputs);

        foreach (JsonProperty expected in testCase.GetProperty("outputs").EnumerateObject())
        {
            Assert.True(actual.ContainsKey(expected.Name), $"{caseName}: output '{expected.Name}' missing");
            OrtTestRunner.Output output = actual[expected.Name];
            Assert.Equal(Ints(expected.Value.GetProperty("shape")), output.Shape);
            double diff = OrtTestRunner.MaxAbsDiff(output.Values, Doubles(expected.Value.GetProperty("values")));
            Assert.True(diff <= Tolerance, $"{caseName}/{expected.Name}: max |ONNX - TF.js| = {diff}");
        }
    }

    [Fact]
    public void SupportedOps_AreExactlyTheOpsOfTheShippedDetectors()
    {
        var shipped = new SortedSet<string>(OpsOf(TfjsFixtures.ShippedModel("nanodet")), StringComparer.Ordinal);
        shipped.UnionWith(OpsOf(TfjsFixtures.ShippedModel("centernet")));

        Assert.Equal(shipped, new SortedSet<string>(TfjsModelImporter.SupportedOps, StringComparer.Ordinal));
    }

    [Fact]
    public void OpFixtures_ExerciseEverySupportedOp()
    {
        var covered = new HashSet<string>(StringComparer.Ordinal);
        foreach (JsonElement c in LoadCases())
        {
            covered.UnionWith(OpsOf(Path.Combine(TfjsFixtures.OpsFolder, c.GetProperty("model").GetString()!)));
        }

        var missing = TfjsModelImporter.SupportedOps.Where(op => !covered.Contains(op)).ToList();
        Assert.True(missing.Count == 0, "ops without a TF.js parity fixture: " + string.Join(", ", missing));
    }

    private static List<JsonElement> LoadCases()
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(TfjsFixtures.OpsFolder, "expected.json")));
        return doc.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.Clone()).ToList();
    }

    private static IEnumerable<string> OpsOf(string modelJson)
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(modelJson));
        return doc.RootElement.GetProperty("modelTopology").GetProperty("node").EnumerateArray()
            .Select(n => n.GetProperty("op").GetString()!)
            .ToList();
    }

    private static int[] Ints(JsonElement array) => array.EnumerateArray().Select(e => e.GetInt32()).ToArray();

    private static float[] Floats(JsonElement array) => array.EnumerateArray().Select(e => (float)e.GetDouble()).ToArray();

    private static List<double> Doubles(JsonElement array) => array.EnumerateArray().Select(ReadDouble).ToList();

    private static double ReadDouble(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => e.GetDouble(),
        JsonValueKind.Null => double.NaN,
        _ => throw new InvalidDataException($"Unexpected value {e}"),
    };
}
