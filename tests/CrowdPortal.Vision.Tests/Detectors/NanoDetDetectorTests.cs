using CrowdPortal.Core;
using CrowdPortal.Vision.Detectors;
using CrowdPortal.Vision.Imaging;
using CrowdPortal.Vision.Models;
using CrowdPortal.Vision.Tests.Models;

namespace CrowdPortal.Vision.Tests.Detectors;

/// <summary>The imported NanoDet ONNX model with the C# decoder, against TF.js's own outputs and against hand counts.</summary>
public class NanoDetDetectorTests
{
    public static TheoryData<string, int> ReferenceFrames => new()
    {
        { "frame 120 (ten reference boxes)", 120 },
        { "frame 480 (five reference boxes)", 480 },
    };

    /// <summary>
    /// Fed exactly the tensor TF.js was fed, the imported model + C# decode + NMS give TF.js's person boxes within 1 px:
    /// checks the importer, the distribution decode, cell centres, strides and NMS together.
    /// </summary>
    [Theory]
    [MemberData(nameof(ReferenceFrames))]
    public void DetectFromInput_ReferenceTensor_MatchesTfjsBoxes(string label, int frame)
    {
        var reference = TfjsReferenceCase.NanoDet(frame);
        using var detector = CreateNanoDet(reference.ScoreThreshold, reference.NmsIou, ResizeMode.Stretch);
        FillUpstreamTensor(reference.InputBgr, reference.Size, detector.InputTensor);
        var found = new List<Detection>();

        detector.DetectFromInput(new FrameTransform(1, 1, 0, 0, reference.Size, reference.Size), found);

        DetectionAssert.Equal(reference.PersonBoxes, found, 1f, label);
    }

    /// <summary>
    /// On the real decoded frame, with its own OpenCV stretch, the detector finds the people TF.js found on ffmpeg's stretch
    /// of that frame, boxes within 1 input pixel (1.8 x 1.4 frame pixels). The two resamplers differ slightly, which moves
    /// faint boxes (score near the threshold) by a few pixels or across it, so the check is two-way on confident boxes:
    /// every TF.js box scoring 0.5+ is found, and every box found scoring 0.6+ is one of TF.js's.
    /// </summary>
    [Theory]
    [MemberData(nameof(ReferenceFrames))]
    public void Detect_RealFrame_FindsTheConfidentTfjsPeopleInFramePixels(string label, int frame)
    {
        var reference = TfjsReferenceCase.NanoDet(frame);
        using var detector = CreateNanoDet(reference.ScoreThreshold, reference.NmsIou, ResizeMode.Stretch);
        using var image = SampleVideoFrames.Read(frame)[0];
        float sx = image.Width / (float)reference.Size, sy = image.Height / (float)reference.Size;
        var expected = reference.PersonBoxes.Select(r => new Detection(r.X1 * sx, r.Y1 * sy, r.X2 * sx, r.Y2 * sy, r.Confidence, 0)).ToList();
        var found = new List<Detection>();

        detector.Detect(image, found);

        bool Near(Detection a, Detection b) =>
            Math.Abs(a.X1 - b.X1) <= sx && Math.Abs(a.Y1 - b.Y1) <= sy && Math.Abs(a.X2 - b.X2) <= sx && Math.Abs(a.Y2 - b.Y2) <= sy
            && Math.Abs(a.Confidence - b.Confidence) <= 0.03f;
        Assert.True(expected.Count(e => e.Confidence >= 0.5f) >= 3, $"{label}: the fixture should hold several confident people");
        foreach (Detection e in expected.Where(e => e.Confidence >= 0.5f))
        {
            Assert.True(found.Exists(d => Near(d, e)), $"{label}: no box near TF.js {e} in [{string.Join("; ", found)}]");
        }

        foreach (Detection d in found.Where(d => d.Confidence >= 0.6f))
        {
            Assert.True(expected.Exists(e => Near(d, e)), $"{label}: {d} is not among TF.js's boxes");
        }
    }

    public static TheoryData<string, int, int> HandCounts => new()
    {
        { "frame 0: three people far apart", 0, 3 },
        { "frame 120: seven people, one far away", 120, 7 },
        { "frame 410: two people", 410, 2 },
    };

    /// <summary>With its default sidecar (the eval's best threshold) NanoDet counts within one of the hand count.</summary>
    [Theory]
    [MemberData(nameof(HandCounts))]
    public void Detect_DefaultSidecar_CountsWithinOneOfHandCount(string label, int frame, int people)
    {
        using var detector = DetectorFactory.Create(ImportedModels.Entry(DefaultModels.NanoDet), new RecordingLogger());
        using var image = SampleVideoFrames.Read(frame)[0];
        var found = new List<Detection>();

        detector.Detect(image, found);

        Assert.True(Math.Abs(found.Count - people) <= 1, $"{label}: found {found.Count}");
    }

    public static TheoryData<string, int, int, int, int> FittedSizes => new()
    {
        { "4:3 video (vtest.avi)", 768, 576, 416, 320 },
        { "4:3 VGA", 640, 480, 416, 320 },
        { "16:9 HD: 234 rounds up to 256", 1920, 1080, 416, 256 },
        { "16:9 720p", 1280, 720, 416, 256 },
        { "portrait phone video", 1080, 1920, 256, 416 },
        { "square", 500, 500, 416, 416 },
        { "a very wide strip keeps at least one stride", 4000, 100, 416, 32 },
    };

    [Theory]
    [MemberData(nameof(FittedSizes))]
    public void InputSizeFor_KeepsTheLongSide_RoundsTheShortSideUpTo32(string label, int frameWidth, int frameHeight, int width, int height)
    {
        Assert.Equal((width, height), AspectFitDetector.InputSizeFor(frameWidth, frameHeight, 416));
        Assert.NotNull(label);
    }

    /// <summary>The default detector (its sidecar fits the input to the frames) runs vtest.avi's 4:3 frames at 416x320.</summary>
    [Fact]
    public void DefaultDetector_RunsAtAnInputShapedLikeTheFrames()
    {
        using var detector = DetectorFactory.Create(ImportedModels.Entry(DefaultModels.NanoDet), new RecordingLogger());
        using var image = SampleVideoFrames.Read(120)[0];
        var found = new List<Detection>();

        detector.Detect(image, found);

        var fitted = Assert.IsType<AspectFitDetector>(detector);
        Assert.Equal((416, 320), fitted.InputSize);
        Assert.InRange(found.Count, 6, 8);
    }

    /// <summary>
    /// Told the frames' size up front (a video file), the fitted detector builds its one session at 416x320 and keeps it for
    /// the first frame, instead of building one at 416x416 and another when the first frame comes.
    /// </summary>
    [Fact]
    public void AspectFit_GivenTheFrameSize_BuildsOneSessionAtTheFittedSize()
    {
        var built = new List<(int Width, int Height)>();
        string model = Path.Combine(ImportedModels.Dir, "nanodet.onnx");
        var thresholds = new DetectorThresholds(0, 0.47f, 0.5f);
        using var detector = new AspectFitDetector(416, (w, h) =>
        {
            built.Add((w, h));
            return new NanoDetDetector("nanodet", model, w, h, ResizeMode.Letterbox, thresholds);
        }, frameSize: (768, 576));
        using var image = SampleVideoFrames.Read(120)[0];
        var found = new List<Detection>();

        detector.Detect(image, found);

        Assert.Equal([(416, 320)], built);
        Assert.InRange(found.Count, 6, 8);
    }

    /// <summary>
    /// Fitted to a 4:3 frame (416x320) instead of padded to a square (416x416), NanoDet sees the same picture at the same
    /// scale and finds the same people: every confident box of either input has a box of the other over it (IoU 0.7+).
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(120)]
    [InlineData(410)]
    [InlineData(480)]
    public void Detect_FittedInput_FindsTheSamePeopleAsASquareInput(int frame)
    {
        string model = Path.Combine(ImportedModels.Dir, "nanodet.onnx");
        var thresholds = new DetectorThresholds(0, 0.45f, 0.5f);
        using var square = new NanoDetDetector("nanodet", model, 416, 416, ResizeMode.Letterbox, thresholds);
        using var fitted = new NanoDetDetector("nanodet", model, 416, 320, ResizeMode.Letterbox, thresholds);
        using var image = SampleVideoFrames.Read(frame)[0];
        List<Detection> fromSquare = [], fromFitted = [];

        square.Detect(image, fromSquare);
        fitted.Detect(image, fromFitted);

        Assert.NotEmpty(fromFitted);
        foreach (var (found, other, name) in new[] { (fromSquare, fromFitted, "square"), (fromFitted, fromSquare, "fitted") })
        {
            foreach (Detection d in found.Where(d => d.Confidence >= 0.6f))
            {
                Assert.True(other.Exists(o => o.IoU(d) >= 0.7f), $"frame {frame}: {name} box {d} has no counterpart in [{string.Join("; ", other)}]");
            }
        }
    }

    internal static void FillUpstreamTensor(byte[] hwcBgr, int size, float[] tensor)
    {
        int plane = size * size;
        for (int i = 0; i < plane; i++)
        {
            for (int c = 0; c < 3; c++)
            {
                tensor[c * plane + i] = (hwcBgr[i * 3 + c] - NanoDetDetector.UpstreamMean[c]) / NanoDetDetector.UpstreamStd[c];
            }
        }
    }

    private static NanoDetDetector CreateNanoDet(float scoreThreshold, float nmsIou, ResizeMode resize) =>
        new("nanodet", Path.Combine(ImportedModels.Dir, "nanodet.onnx"), 416, 416, resize, new DetectorThresholds(0, scoreThreshold, nmsIou));
}
