using CrowdPortal.Vision.Importing;
using Microsoft.ML.OnnxRuntime;

namespace CrowdPortal.Vision.Tests.Importing;

/// <summary>
/// Weights are dequantised at import: float16 bit patterns (TF.js's default quantisation for the shipped models) and
/// uint8 affine. Checked through the whole path: manifest -> ONNX initializer -> ONNX Runtime output of x * w.
/// </summary>
public sealed class TfjsWeightDequantisationTests
{
    public static TheoryData<string, ushort[], float[]> HalfRows() => new()
    {
        { "empty tensor", [], [] },
        { "one, minus two, zero, minus zero", [0x3C00, 0xC000, 0x0000, 0x8000], [1f, -2f, 0f, -0f] },
        { "largest finite half", [0x7BFF], [65504f] },
        { "smallest subnormal half", [0x0001], [5.9604645e-8f] },
        { "one third rounds to 0.33325195", [0x3555], [0.33325195f] },
        { "infinities", [0x7C00, 0xFC00], [float.PositiveInfinity, float.NegativeInfinity] },
    };

    [Theory]
    [MemberData(nameof(HalfRows))]
    public void Float16Weights_DequantiseToTheExactFloat32Values(string label, ushort[] bits, float[] expected)
    {
        using var model = new TinyTfjsModel();
        string path = model.Placeholder("x", bits.Length)
            .HalfConstant("w", [bits.Length], bits)
            .Op("y", "Mul", ["x", "w"])
            .Write("y");

        float[] actual = RunTimesOne(path, bits.Length);

        Assert.True(expected.SequenceEqual(actual), $"{label}: got [{string.Join(", ", actual)}]");
    }

    [Fact]
    public void Uint8AffineWeights_DequantiseAsQuantisedTimesScalePlusMin()
    {
        using var model = new TinyTfjsModel();
        string path = model.Placeholder("x", 3)
            .Uint8Constant("w", [3], scale: 0.5f, min: -1f, 0, 2, 255)
            .Op("y", "Mul", ["x", "w"])
            .Write("y");

        Assert.Equal([-1f, 0f, 126.5f], RunTimesOne(path, 3));
    }

    private static float[] RunTimesOne(string modelJson, int length)
    {
        using var session = new InferenceSession(TfjsModelImporter.Import(modelJson));
        var ones = Enumerable.Repeat(1f, length).ToArray();
        var outputs = OrtTestRunner.Run(session, new Dictionary<string, (int[], float[])> { ["x"] = ([length], ones) });
        return Array.ConvertAll(outputs["y"].Values, v => (float)v);
    }
}
