using System.Globalization;
using CrowdPortal.Core;
using CrowdPortal.Core.Zones;
using CrowdPortal.Tests.Shared;
using CrowdPortal.Vision.Detectors;
using CrowdPortal.Vision.Importing.Quantization;
using CrowdPortal.Vision.Models;
using CrowdPortal.Vision.Pipeline;
using CrowdPortal.Vision.Sources;
using CrowdPortal.Vision.Tests.Detectors;
using CrowdPortal.Vision.Tests.Pipeline;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.ML.OnnxRuntime;
using OpenCvSharp;

namespace CrowdPortal.Vision.Tests.Importing;

/// <summary>The int8 NanoDet the importer writes finds the same people as the float one, on real frames.</summary>
public sealed class Int8QuantizationTests(Int8NanoDetFixture fixture) : IClassFixture<Int8NanoDetFixture>
{
    /// <summary>A box either model is this sure of must be found by the other model too.</summary>
    private const float Confident = 0.6f;

    [Fact]
    public void ImportInt8_QuantisesTheBackboneAndKeepsFloatInputsAndOutputs()
    {
        // 34 Convs; the three head Convs that produce the scores and box distributions stay float.
        Assert.Equal(34, fixture.Summary.TotalConvs);
        Assert.Equal(31, fixture.Summary.QuantizedConvs);
        Assert.Equal((416, 320), (fixture.Summary.InputWidth, fixture.Summary.InputHeight));

        using var session = new InferenceSession(fixture.Int8.OnnxPath);
        Assert.All(session.InputMetadata.Values, m => Assert.Equal(typeof(float), m.ElementType));
        Assert.All(session.OutputMetadata.Values, m => Assert.Equal(typeof(float), m.ElementType));
        Assert.True(new FileInfo(fixture.Int8.OnnxPath).Length * 3 < new FileInfo(fixture.Float.OnnxPath).Length, "int8 weights take a quarter of the float ones");
    }

    [Fact]
    public void Detect_ConfidentBoxes_MatchTheFloatModelsAtIou07()
    {
        Mat[] frames = SampleVideoFrames.Read(25, 125, 225, 325, 425, 525, 625, 725);
        using var floatDetector = DetectorFactory.Create(fixture.Float, NullLogger.Instance);
        using var int8Detector = DetectorFactory.Create(fixture.Int8, NullLogger.Instance);
        var floatBoxes = new List<Detection>();
        var int8Boxes = new List<Detection>();
        int confident = 0;
        var misses = new List<string>();
        try
        {
            for (int i = 0; i < frames.Length; i++)
            {
                floatDetector.Detect(frames[i], floatBoxes);
                int8Detector.Detect(frames[i], int8Boxes);
                confident += CheckMatched(i, "float", floatBoxes, "int8", int8Boxes, misses);
                confident += CheckMatched(i, "int8", int8Boxes, "float", floatBoxes, misses);
            }
        }
        finally
        {
            Array.ForEach(frames, f => f.Dispose());
        }

        Assert.True(confident >= 40, $"only {confident} confident boxes in 8 frames of 2-8 people");
        Assert.True(misses.Count == 0, string.Join("; ", misses));
    }

    [Fact]
    public async Task Eval_HandCountedFrames_Int8MaeWithin005OfFloat()
    {
        Dictionary<long, int> truth = ReadTruth();
        double floatMae = await MaeAsync(fixture.Float, truth);
        double int8Mae = await MaeAsync(fixture.Int8, truth);

        Assert.True(Math.Abs(int8Mae - floatMae) <= 0.05, $"MAE int8 {int8Mae:0.000}, float {floatMae:0.000}");
    }

    public static TheoryData<string, float, float, float, byte> Ranges => new()
    {
        { "symmetric around zero: zero in the middle", -1f, 1f, 2f / 255, 127 },
        { "only positive: zero at 0", 0.5f, 2.55f, 0.01f, 0 },
        { "only negative: zero at 255", -2.55f, -0.5f, 0.01f, 255 },
        { "empty range: unit scale", 0f, 0f, 1f, 0 },
    };

    [Theory]
    [MemberData(nameof(Ranges))]
    public void ActivationParameters_CoverTheRangeAndZeroExactly(string label, float min, float max, float scale, byte zeroPoint)
    {
        var (s, z) = QdqWriter.ActivationParameters((min, max));

        Assert.True(Math.Abs(s - scale) < 1e-6 && z == zeroPoint, $"{label}: scale {s}, zero point {z}");
    }

    private static int CheckMatched(int frame, string name, List<Detection> boxes, string otherName, List<Detection> others, List<string> misses)
    {
        int confident = 0;
        foreach (Detection box in boxes)
        {
            if (box.Confidence < Confident)
            {
                continue;
            }

            confident++;
            float best = others.Count == 0 ? 0f : others.Max(o => box.IoU(o));
            if (best < 0.7f)
            {
                misses.Add(string.Create(CultureInfo.InvariantCulture, $"frame #{frame}: {name} box {box} has IoU {best:0.00} at best with the {otherName} boxes"));
            }
        }

        return confident;
    }

    private static async Task<double> MaeAsync(ModelEntry model, Dictionary<long, int> truth)
    {
        using IPersonDetector detector = DetectorFactory.Create(model, NullLogger.Instance);
        using var source = new VideoFileSource(RepoPaths.SampleVideo);
        var sink = new RecordingSink();

        // The hand counts are of every 10th frame: a stride of 10 analyses exactly those.
        await new AnalysisPipeline(detector, ZoneSet.Empty, new AnalysisOptions { FrameStride = 10 }).RunAsync(source, [sink]);

        var errors = sink.Frames.Where(f => truth.ContainsKey(f.Index)).Select(f => Math.Abs(f.People - truth[f.Index])).ToList();
        Assert.Equal(truth.Count, errors.Count);
        return errors.Average();
    }

    private static Dictionary<long, int> ReadTruth() =>
        File.ReadLines(Path.Combine(RepoPaths.Root, "eval", "vtest-truth.csv"))
            .Skip(1)
            .Select(line => line.Split(','))
            .ToDictionary(p => long.Parse(p[0], CultureInfo.InvariantCulture), p => int.Parse(p[1], CultureInfo.InvariantCulture));
}
