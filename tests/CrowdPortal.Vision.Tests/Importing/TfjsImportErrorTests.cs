using System.Text.Json.Nodes;
using CrowdPortal.Vision.Importing;

namespace CrowdPortal.Vision.Tests.Importing;

/// <summary>Refusals: anything the importer does not translate fails loudly, naming the op and the node.</summary>
public sealed class TfjsImportErrorTests
{
    [Fact]
    public void UnsupportedOp_FailsNamingTheOpTheNodeAndTheSupportedList()
    {
        using var model = new TinyTfjsModel();
        string path = model.Placeholder("x", 1, 4)
            .Op("block/softplus", "Softplus", ["x"])
            .Write("block/softplus");

        var error = Assert.Throws<UnsupportedTfjsOpException>(() => TfjsModelImporter.Import(path));

        Assert.Equal("Softplus", error.OpType);
        Assert.Equal("block/softplus", error.NodeName);
        Assert.StartsWith("Unsupported TF.js op 'Softplus' (node 'block/softplus'); supported: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("ResizeBilinear", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<NotSupportedException>(error);
    }

    [Fact]
    public void UnsupportedOp_IsRefusedEvenWhereNoOutputDependsOnIt()
    {
        using var model = new TinyTfjsModel();
        string path = model.Placeholder("x", 1, 4)
            .Op("y", "Sigmoid", ["x"])
            .Op("dead/branch", "Erf", ["x"])
            .Write("y");

        var error = Assert.Throws<UnsupportedTfjsOpException>(() => TfjsModelImporter.Import(path));

        Assert.Equal("Erf", error.OpType);
    }

    [Fact]
    public void FusedConvWithUnsupportedFusedOp_FailsNamingTheFusedOps()
    {
        using var model = new TinyTfjsModel();
        string path = model.Placeholder("x", 1, 3, 3, 1)
            .HalfConstant("w", [1, 1, 1, 1], 0x3C00)
            .HalfConstant("b", [1], 0x0000)
            .Op("conv", "_FusedConv2D", ["x", "w", "b"], new JsonObject
            {
                ["fused_ops"] = new JsonObject { ["list"] = new JsonObject { ["s"] = new JsonArray(Base64("BiasAdd"), Base64("Elu")) } },
                ["padding"] = TinyTfjsModel.StringAttr("SAME"),
                ["strides"] = new JsonObject { ["list"] = new JsonObject { ["i"] = new JsonArray("1", "1", "1", "1") } },
                ["num_args"] = new JsonObject { ["i"] = "1" },
            })
            .Write("conv");

        var error = Assert.Throws<UnsupportedTfjsOpException>(() => TfjsModelImporter.Import(path));

        Assert.Equal("conv", error.NodeName);
        Assert.Contains("BiasAdd, Elu", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WeightsShorterThanTheManifest_FailIdentifyingTheWeight()
    {
        using var model = new TinyTfjsModel();
        string path = model.Placeholder("x", 1, 2)
            .HalfConstant("k", [2], 0x3C00)
            .Op("y", "Mul", ["x", "k"])
            .Write("y");

        var error = Assert.Throws<TfjsImportException>(() => TfjsModelImporter.Import(path));

        Assert.Contains("'k'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingModelFile_FailsWithFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => TfjsModelImporter.Import(Path.Combine(Path.GetTempPath(), Guid.NewGuid() + ".json")));
    }

    private static string Base64(string s) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(s));
}
