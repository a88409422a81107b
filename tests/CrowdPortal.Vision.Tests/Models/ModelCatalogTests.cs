using CrowdPortal.Vision.Models;
using CrowdPortal.Vision.Tests.Detectors;

namespace CrowdPortal.Vision.Tests.Models;

public sealed class ModelCatalogTests : IDisposable
{
    private const string ValidYolo = """{ "format": "yolo", "inputWidth": 640, "inputHeight": 640, "personClass": 0, "scoreThreshold": 0.3, "nmsIou": 0.5 }""";
    private readonly TempFolder _temp = new();

    /// <summary>Each row: files to create (name -> content; null content = no file), expected models, expected problem fragments.</summary>
    public static TheoryData<string, (string Name, string Content)[], string[], string[]> Folders => new()
    {
        { "empty folder", [], [], [] },
        { "valid model with sidecar", [("a.onnx", "x"), ("a.json", ValidYolo)], ["a"], [] },
        { "model without sidecar", [("lonely.onnx", "x")], [], ["lonely.onnx", "no sidecar"] },
        { "sidecar that is not JSON", [("b.onnx", "x"), ("b.json", "{ format: ")], [], ["b.json", "not valid sidecar JSON"] },
        { "unknown format", [("c.onnx", "x"), ("c.json", ValidYolo.Replace("yolo", "detr"))], [], ["c.json", "'detr'", "nanodet"] },
        { "zero input size", [("d.onnx", "x"), ("d.json", ValidYolo.Replace("640", "0"))], [], ["d.json", "inputWidth"] },
        { "person class outside labels", [("e.onnx", "x"), ("e.json", ValidYolo.Replace("\"personClass\": 0", "\"personClass\": 2, \"labels\": [\"a\", \"b\"]"))], [], ["e.json", "personClass"] },
        { "score threshold above 1", [("f.onnx", "x"), ("f.json", ValidYolo.Replace("0.3", "3"))], [], ["f.json", "scoreThreshold"] },
        { "confident threshold below the score threshold", [("c.onnx", "x"), ("c.json", ValidYolo.Replace("\"nmsIou\"", "\"confidentThreshold\": 0.2, \"nmsIou\""))], [], ["c.json", "confidentThreshold"] },
        { "bad resize value, good model kept", [("g.onnx", "x"), ("g.json", ValidYolo.Replace("\"nmsIou\"", "\"resize\": \"crop\", \"nmsIou\"")), ("h.onnx", "x"), ("h.json", ValidYolo)], ["h"], ["g.json", "resize"] },
    };

    [Theory]
    [MemberData(nameof(Folders))]
    public void Scan_ListsValidModelsAndReportsBrokenOnes(string label, (string Name, string Content)[] files, string[] expectedModels, string[] problemFragments)
    {
        foreach (var (name, content) in files)
        {
            File.WriteAllText(_temp.File(name), content);
        }

        ModelCatalogScan scan = ModelCatalog.Scan(_temp.Path);

        Assert.True(expectedModels.SequenceEqual(scan.Models.Select(m => m.Name)), $"{label}: models [{string.Join(", ", scan.Models.Select(m => m.Name))}]");
        Assert.True(problemFragments.Length == 0 ? scan.Problems.Count == 0 : scan.Problems.Count == 1, $"{label}: problems [{string.Join(" | ", scan.Problems)}]");
        foreach (string fragment in problemFragments)
        {
            Assert.Contains(fragment, scan.Problems[0]);
        }
    }

    [Fact]
    public void Scan_MissingFolder_IsEmpty()
    {
        ModelCatalogScan scan = ModelCatalog.Scan(_temp.File("does-not-exist"));

        Assert.Empty(scan.Models);
        Assert.Empty(scan.Problems);
    }

    public void Dispose() => _temp.Dispose();
}
