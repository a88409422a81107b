using CrowdPortal.Core;
using CrowdPortal.Vision.Detectors;
using CrowdPortal.Vision.Imaging;
using OpenCvSharp;

namespace CrowdPortal.Vision.Tests.Detectors;

public sealed class NanoDetDecoderTests : IDisposable
{
    private const float Hot = 50f; // a logit so large its softmax is 1 to float precision
    private readonly TempFolder _temp = new();

    public static TheoryData<string, float[], float> Distributions => new()
    {
        { "one hot bin 0", [Hot, 0, 0, 0], 0f },
        { "one hot bin 3", [0, 0, 0, Hot], 3f },
        { "uniform over 11 bins: the middle", new float[11], 5f },
        { "logits 0 and ln 3: probabilities 1/4, 3/4", [0f, MathF.Log(3f)], 0.75f },
    };

    [Theory]
    [MemberData(nameof(Distributions))]
    public void ExpectedBin_IsTheSoftmaxMean(string label, float[] logits, float expected)
    {
        float actual = NanoDetDecoder.ExpectedBin(logits);

        Assert.True(Math.Abs(expected - actual) < 1e-4f, $"{label}: {actual}");
    }

    public static TheoryData<string, float[], Detection[]> Levels => new()
    {
        { "empty: no cell reaches the threshold", [0f, 0f, 0f, 0f, 0f, 0f, 0f, 0f], [] },
        { "only the confident person cell, decoded from its centre", [0.1f, 0f, 0.05f, 0.9f, 0f, 0f, 0.8f, 0f], [new(4, 12, 28, 20, 0.8f, 0)] },
    };

    /// <summary>
    /// A 2x2 grid at stride 8, 3 bins per side, classes (person, other). Cell 3's centre is (12, 12); its distributions put
    /// left at bin 1, top at 0, right at 2, bottom at 1: box (12−8, 12−0, 12+16, 12+8).
    /// </summary>
    [Theory]
    [MemberData(nameof(Levels))]
    public void DecodeLevel_KeepsConfidentPersonCells(string label, float[] scores, Detection[] expected)
    {
        var distributions = new float[4 * 12];
        float[] cell3 = [0, Hot, 0, Hot, 0, 0, 0, 0, Hot, 0, Hot, 0];
        cell3.CopyTo(distributions, 3 * 12);
        var found = new List<Detection>();

        NanoDetDecoder.DecodeLevel(scores, distributions, 2, 3, 2, 2, 8, 32, 32, 0, 0.3f, found);

        DetectionAssert.Equal(expected, found, 1e-3f, label);
    }

    /// <summary>
    /// A grid wider than high (3x2 at stride 8, an input shaped like a landscape frame): cells run row by row, so cell 5 is
    /// column 2, row 1, centre (20, 12); with distances 1, 0, 2, 1 strides its box is (12, 12, 36, 20).
    /// </summary>
    [Fact]
    public void DecodeLevel_NonSquareGrid_PlacesCellsRowByRow()
    {
        float[] scores = [0f, 0f, 0f, 0f, 0f, 0.9f];
        var distributions = new float[6 * 12];
        float[] cell5 = [0, Hot, 0, Hot, 0, 0, 0, 0, Hot, 0, Hot, 0];
        cell5.CopyTo(distributions, 5 * 12);
        var found = new List<Detection>();

        NanoDetDecoder.DecodeLevel(scores, distributions, 1, 3, 3, 2, 8, 24, 16, 0, 0.3f, found);

        DetectionAssert.Equal([new(12, 12, 24, 16, 0.9f, 0)], found, 1e-3f, "clipped to the 24x16 input");
    }

    /// <summary>
    /// The whole detector on a model with NanoDet's six outputs for a 64x64 input (grids 8, 4, 2), given in shuffled order:
    /// one confident person in the stride-16 level at cell (1, 2), centre (24, 40), with distances 1, 2, 1, 0 strides; the
    /// 128x128 frame is stretched by 0.5, so the frame box is twice the input box.
    /// </summary>
    [Fact]
    public void Detect_PairsOutputsByShapeAndMapsBoxToFrame()
    {
        const int bins = 11;
        var outputs = new List<ConstantOutputModel.Output>();
        foreach (int grid in new[] { 2, 8, 4 })
        {
            int cells = grid * grid;
            var scores = new float[cells * 80];
            var distributions = new float[cells * 4 * bins];
            if (grid == 4)
            {
                int cell = 2 * grid + 1;
                scores[cell * 80] = 0.7f;
                int[] bin = [1, 2, 1, 0];
                for (int side = 0; side < 4; side++)
                {
                    distributions[cell * 4 * bins + side * bins + bin[side]] = Hot;
                }
            }

            outputs.Add(new($"reg_{grid}", [1, cells, 4 * bins], distributions));
            outputs.Add(new($"cls_{grid}", [1, cells, 80], scores));
        }

        string model = ConstantOutputModel.Write(_temp.File("nanodet-mini.onnx"), "input_1", [1, 3, 64, 64], [.. outputs]);
        using var detector = new NanoDetDetector("nanodet", model, 64, 64, ResizeMode.Stretch, new DetectorThresholds(0, 0.35f, 0.5f));
        using var frame = new Mat(128, 128, MatType.CV_8UC3, Scalar.All(0));
        var found = new List<Detection>();

        detector.Detect(frame, found);

        // Input box (24−16, 40−32, 24+16, 40+0) = (8, 8, 40, 40); in the frame (16, 16, 80, 80).
        DetectionAssert.Equal([new(16, 16, 80, 80, 0.7f, 0)], found, 1e-3f, "six shuffled outputs");
    }

    public void Dispose() => _temp.Dispose();
}
