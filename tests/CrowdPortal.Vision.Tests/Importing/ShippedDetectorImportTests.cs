using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Onnx;

namespace CrowdPortal.Vision.Tests.Importing;

/// <summary>
/// End to end: the shipped NanoDet and CenterNet imported from node_modules, run on frames of vtest.avi, against the
/// outputs TF.js itself computed from the same input tensors (Fixtures/tfjs/e2e, written by make-e2e-fixtures.mjs).
/// </summary>
public sealed class ShippedDetectorImportTests : IClassFixture<ImportedDetectorsFixture>
{
    // Upstream NanoDet preprocessing, per channel in B, G, R order (must match the Node script and the fixtures README).
    private static readonly float[] NanoMean = [103.53f, 116.28f, 123.675f];
    private static readonly float[] NanoStd = [57.375f, 57.12f, 58.395f];

    private readonly ImportedDetectorsFixture _models;

    public ShippedDetectorImportTests(ImportedDetectorsFixture models)
    {
        _models = models;
    }

    public static TheoryData<int> NanoDetFrames() => FramesOf("nanodet");

    public static TheoryData<int> CenterNetFrames() => FramesOf("centernet");

    [Theory]
    [MemberData(nameof(NanoDetFrames))]
    public void NanoDet_EveryRawOutputMatchesTfjsWithin1e3(int frame) => AssertNanoDetMatchesTfjs(_models.NanoDet, frame);

    /// <summary>Imported for any image size, at the model's own size it still computes exactly what TF.js computes.</summary>
    [Theory]
    [MemberData(nameof(NanoDetFrames))]
    public void NanoDetForAnyImageSize_AtItsOwnSize_EveryRawOutputMatchesTfjsWithin1e3(int frame) => AssertNanoDetMatchesTfjs(_models.NanoDetAnySize, frame);

    /// <summary>
    /// Imported for any image size, NanoDet takes a landscape input (416x320, a 4:3 frame's) and returns its three
    /// pyramid levels over that input: 52x40, 26x20 and 13x10 cells, 80 class scores and 4 x 11 distance bins each.
    /// </summary>
    [Fact]
    public void NanoDetForAnyImageSize_RunsAtALandscapeSize_WithLevelsOverThatSize()
    {
        Assert.Equal([1, 3, -1, -1], _models.NanoDetAnySize.InputMetadata["input_1"].Dimensions);

        var outputs = OrtTestRunner.Run(_models.NanoDetAnySize, new Dictionary<string, (int[], float[])> { ["input_1"] = ([1, 3, 320, 416], new float[3 * 320 * 416]) });

        Assert.Equal([1, 2080, 80], outputs["Identity"].Shape);
        Assert.Equal([1, 520, 80], outputs["Identity_1"].Shape);
        Assert.Equal([1, 130, 80], outputs["Identity_2"].Shape);
        Assert.Equal([1, 2080, 44], outputs["Identity_3"].Shape);
        Assert.Equal([1, 520, 44], outputs["Identity_4"].Shape);
        Assert.Equal([1, 130, 44], outputs["Identity_5"].Shape);
    }

    private static void AssertNanoDetMatchesTfjs(InferenceSession session, int frame)
    {
        JsonElement testCase = Case("nanodet", frame);
        byte[] bgr = TfjsFixtures.Gunzip(Path.Combine(TfjsFixtures.EndToEndFolder, testCase.GetProperty("input").GetProperty("file").GetString()!));
        int size = testCase.GetProperty("input").GetProperty("size").GetInt32();
        int plane = size * size;
        var input = new float[3 * plane];
        for (int i = 0; i < plane; i++)
        {
            for (int c = 0; c < 3; c++)
            {
                input[(c * plane) + i] = (bgr[(i * 3) + c] - NanoMean[c]) / NanoStd[c];
            }
        }

        var outputs = OrtTestRunner.Run(session, new Dictionary<string, (int[], float[])> { ["input_1"] = ([1, 3, size, size], input) });

        AssertOutputsMatch(testCase, outputs, tolerance: 1e-3);
    }

    [Theory]
    [MemberData(nameof(CenterNetFrames))]
    public void CenterNet_DetectionsMatchTfjs_ScoresWithin1e3_BoxesWithin1Px(int frame)
    {
        JsonElement testCase = Case("centernet", frame);
        byte[] rgb = TfjsFixtures.Gunzip(Path.Combine(TfjsFixtures.EndToEndFolder, testCase.GetProperty("input").GetProperty("file").GetString()!));
        int size = testCase.GetProperty("input").GetProperty("size").GetInt32();
        float[] input = Array.ConvertAll(rgb, b => (float)b);

        var outputs = OrtTestRunner.Run(_models.CenterNet, new Dictionary<string, (int[], float[])> { ["tower_0/images"] = ([1, size, size, 3], input) });

        float[] expected = TfjsFixtures.GunzipFloats(Path.Combine(TfjsFixtures.EndToEndFolder, testCase.GetProperty("outputs").GetProperty("file").GetString()!));
        OrtTestRunner.Output actual = outputs["tower_0/detections"];
        Assert.Equal([1, 100, 6], actual.Shape);

        // Rows are sorted by score; rows whose scores differ by less than the tolerance may swap, so each TF.js row is
        // matched with an unused ONNX row of the same class, score within 1e-3 and every box edge within 1 px.
        var used = new bool[100];
        int confident = 0;
        for (int r = 0; r < 100; r++)
        {
            int match = FindRow(actual.Values, expected, r, used);
            Assert.True(match >= 0, $"frame {frame}: TF.js detection {r} [{string.Join(", ", expected.Skip(r * 6).Take(6))}] has no ONNX counterpart");
            used[match] = true;
            confident += expected[(r * 6) + 4] >= 0.3f ? 1 : 0;
        }

        Assert.True(confident >= 3, $"frame {frame}: the fixture should hold real detections, found {confident} above 0.3");
    }

    [Fact]
    public void NanoDet_KeepsTfInputAndAllSixOutputs()
    {
        Assert.Equal(["input_1"], _models.NanoDet.InputMetadata.Keys);
        Assert.Equal([1, 3, 416, 416], _models.NanoDet.InputMetadata["input_1"].Dimensions);
        var outputs = _models.NanoDet.OutputMetadata.ToDictionary(o => o.Key, o => o.Value.Dimensions);
        Assert.Equal(6, outputs.Count);
        Assert.Equal([1, 2704, 80], outputs["Identity"]);
        Assert.Equal([1, 676, 80], outputs["Identity_1"]);
        Assert.Equal([1, 169, 80], outputs["Identity_2"]);
        Assert.Equal([1, 2704, 44], outputs["Identity_3"]);
        Assert.Equal([1, 676, 44], outputs["Identity_4"]);
        Assert.Equal([1, 169, 44], outputs["Identity_5"]);
    }

    [Fact]
    public void CenterNet_KeepsTfInputAndDetectionsOutput()
    {
        Assert.Equal(["tower_0/images"], _models.CenterNet.InputMetadata.Keys);
        Assert.Equal([1, 512, 512, 3], _models.CenterNet.InputMetadata["tower_0/images"].Dimensions);
        Assert.Equal([1, 100, 6], _models.CenterNet.OutputMetadata["tower_0/detections"].Dimensions);
    }

    [Fact]
    public void NanoDet_ConvolutionsStayChannelsFirst_OnlyTheOutputHeadsTranspose_PadsFoldIntoConvs()
    {
        // The TF graph has 83 Transposes (onnx-tf wrapped every NHWC conv); layout tracking leaves only the six that turn
        // [1, classes, cells] heads into TF's [1, cells, classes] outputs, folds every constant shape computation, and
        // moves the 29 Pads into the pads of the convolutions and the max pool that follow them.
        ModelProto model = ModelProto.Parser.ParseFrom(_models.NanoDetOnnx);
        var opCounts = model.Graph.Node.GroupBy(n => n.OpType).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(6, opCounts.GetValueOrDefault("Transpose"));
        Assert.Equal(34, opCounts.GetValueOrDefault("Conv"));
        Assert.False(opCounts.ContainsKey("Pad"));
        var initializers = model.Graph.Initializer.Select(t => t.Name).ToHashSet();
        Assert.All(model.Graph.Node.Where(n => n.OpType == "Reshape"), n => Assert.Contains(n.Input[1], initializers));
        Assert.Equal(model.Graph.Node.Count, opCounts.Where(p => p.Key is "Conv" or "Add" or "LeakyRelu" or "Concat" or "MaxPool" or "Resize"
            or "Split" or "Sigmoid" or "Reshape" or "Transpose").Sum(p => p.Value));
    }

    private static int FindRow(double[] actual, float[] expected, int r, bool[] used)
    {
        for (int a = 0; a < 100; a++)
        {
            if (used[a] || actual[(a * 6) + 5] != expected[(r * 6) + 5] || Math.Abs(actual[(a * 6) + 4] - expected[(r * 6) + 4]) > 1e-3)
            {
                continue;
            }

            bool boxClose = true;
            for (int k = 0; k < 4; k++)
            {
                boxClose &= Math.Abs(actual[(a * 6) + k] - expected[(r * 6) + k]) <= 1.0;
            }

            if (boxClose)
            {
                return a;
            }
        }

        return -1;
    }

    private static void AssertOutputsMatch(JsonElement testCase, Dictionary<string, OrtTestRunner.Output> outputs, double tolerance)
    {
        float[] expectedAll = TfjsFixtures.GunzipFloats(Path.Combine(TfjsFixtures.EndToEndFolder, testCase.GetProperty("outputs").GetProperty("file").GetString()!));
        int checkedTensors = 0;
        foreach (JsonElement tensor in testCase.GetProperty("outputs").GetProperty("tensors").EnumerateArray())
        {
            string name = tensor.GetProperty("name").GetString()!;
            int[] shape = tensor.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
            int offset = tensor.GetProperty("offset").GetInt32();
            OrtTestRunner.Output actual = outputs[name];
            Assert.Equal(shape, actual.Shape);
            var expected = new ArraySegment<float>(expectedAll, offset, actual.Values.Length).Select(v => (double)v).ToList();
            double diff = OrtTestRunner.MaxAbsDiff(actual.Values, expected);
            Assert.True(diff <= tolerance, $"{name}: max |ONNX - TF.js| = {diff}");
            checkedTensors++;
        }

        Assert.Equal(outputs.Count, checkedTensors);
    }

    private static JsonElement Case(string model, int frame) =>
        LoadCases().Single(c => c.GetProperty("model").GetString() == model && c.GetProperty("frame").GetInt32() == frame);

    private static TheoryData<int> FramesOf(string model)
    {
        var data = new TheoryData<int>();
        foreach (JsonElement c in LoadCases().Where(c => c.GetProperty("model").GetString() == model))
        {
            data.Add(c.GetProperty("frame").GetInt32());
        }

        return data;
    }

    private static List<JsonElement> LoadCases()
    {
        using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(TfjsFixtures.EndToEndFolder, "manifest.json")));
        return doc.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.Clone()).ToList();
    }
}
