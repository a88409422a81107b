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
        using var detector = (OnnxPersonDetector)DetectorFactory.Create(ImportedModels.Entry(DefaultModels.NanoDet), new RecordingLogger());
        using var image = SampleVideoFrames.Read(frame)[0];
        var found = new List<Detection>();

        detector.Detect(image, found);

        Assert.True(Math.Abs(found.Count - people) <= 1, $"{label}: found {found.Count}");
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
