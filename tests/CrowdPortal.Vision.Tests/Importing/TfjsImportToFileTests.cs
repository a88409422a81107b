using CrowdPortal.Vision.Importing;
using Microsoft.ML.OnnxRuntime;

namespace CrowdPortal.Vision.Tests.Importing;

/// <summary>ImportToFile replaces the target atomically and never leaves a partial or temporary file behind.</summary>
public sealed class TfjsImportToFileTests
{
    [Fact]
    public void ImportToFile_WritesAModelOnnxRuntimeLoads_AndLeavesNoTemporaryFile()
    {
        using var model = TinySigmoidModel();
        string target = Path.Combine(model.Folder, "models", "tiny.onnx");

        TfjsModelImporter.ImportToFile(model.ModelJsonPath, target);

        using var session = new InferenceSession(target);
        Assert.Equal(["x"], session.InputMetadata.Keys);
        Assert.Equal(["tiny.onnx"], Directory.GetFiles(Path.GetDirectoryName(target)!).Select(Path.GetFileName));
    }

    [Fact]
    public void ImportToFile_OverwritesAnExistingModel()
    {
        using var model = TinySigmoidModel();
        string target = Path.Combine(model.Folder, "tiny.onnx");
        File.WriteAllText(target, "stale");

        TfjsModelImporter.ImportToFile(model.ModelJsonPath, target);

        Assert.Equal(TfjsModelImporter.Import(model.ModelJsonPath), File.ReadAllBytes(target));
    }

    [Fact]
    public void FailedImport_KeepsTheExistingModelAndLeavesNoTemporaryFile()
    {
        using var model = new TinyTfjsModel();
        model.Placeholder("x", 1).Op("y", "Softplus", ["x"]).Write("y");
        string target = Path.Combine(model.Folder, "out", "kept.onnx");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.WriteAllText(target, "previous model");

        Assert.Throws<UnsupportedTfjsOpException>(() => TfjsModelImporter.ImportToFile(model.ModelJsonPath, target));

        Assert.Equal("previous model", File.ReadAllText(target));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(target)!));
    }

    private static TinyTfjsModel TinySigmoidModel()
    {
        var model = new TinyTfjsModel();
        model.Placeholder("x", 1, 2).Op("y", "Sigmoid", ["x"]).Write("y");
        return model;
    }
}
