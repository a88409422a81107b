using CrowdPortal.Vision.Imaging;
using OpenCvSharp;

namespace CrowdPortal.Vision.Tests.Detectors;

public class FramePreprocessorTests
{
    // Rows: frame size, input size, letterbox?, expected (scaleX, scaleY, padX, padY).
    public static TheoryData<string, int[], bool, float[]> Fits => new()
    {
        { "same size, stretch: identity", [416, 416, 416, 416], false, [1, 1, 0, 0] },
        { "4:3 frame stretched into a square", [768, 576, 416, 416], false, [416f / 768, 416f / 576, 0, 0] },
        { "4:3 frame letterboxed: bars above and below", [768, 576, 416, 416], true, [416f / 768, 312f / 576, 0, 52] },
        { "tall frame letterboxed: bars left and right", [300, 600, 320, 320], true, [160f / 300, 320f / 600, 80, 0] },
    };

    [Theory]
    [MemberData(nameof(Fits))]
    public void Fit_ScalesAndPadsLikeUltralytics(string label, int[] sizes, bool letterbox, float[] expected)
    {
        FrameTransform actual = FrameTransform.Fit(sizes[0], sizes[1], sizes[2], sizes[3], letterbox ? ResizeMode.Letterbox : ResizeMode.Stretch);

        var wanted = new FrameTransform(expected[0], expected[1], expected[2], expected[3], sizes[0], sizes[1]);
        Assert.True(wanted == actual, $"{label}: {actual}");
    }

    /// <summary>
    /// A 4x2 frame letterboxed into 4x4 lands unscaled between two grey rows: checks padding, channel order (RGB from BGR),
    /// normalisation and both layouts pixel by pixel.
    /// </summary>
    [Theory]
    [InlineData("NCHW", true)]
    [InlineData("NHWC", false)]
    public void Write_LetterboxRgb_PadsAndReordersChannels(string label, bool planar)
    {
        TensorLayout layout = planar ? TensorLayout.Nchw : TensorLayout.Nhwc;
        using var frame = new Mat(2, 4, MatType.CV_8UC3);
        for (int y = 0; y < 2; y++)
        {
            for (int x = 0; x < 4; x++)
            {
                frame.Set(y, x, new Vec3b((byte)(10 * x + y), 100, 200)); // B varies, G = 100, R = 200
            }
        }

        var spec = new InputSpec(4, 4, layout, ChannelOrder.Rgb, ResizeMode.Letterbox, [0, 0, 0], [2, 2, 2], PadValue: 114);
        using var preprocessor = new FramePreprocessor(spec);
        var tensor = new float[spec.TensorLength];

        FrameTransform transform = preprocessor.Write(frame, tensor);

        Assert.True(transform == new FrameTransform(1, 1, 0, 1, 4, 2), $"{label}: {transform}");
        for (int y = 0; y < 4; y++)
        {
            for (int x = 0; x < 4; x++)
            {
                bool bar = y == 0 || y == 3;
                float[] expected = bar ? [57, 57, 57] : [100, 50, (10 * x + (y - 1)) / 2f]; // R, G, B halved by std 2
                for (int c = 0; c < 3; c++)
                {
                    float actual = layout == TensorLayout.Nchw ? tensor[c * 16 + y * 4 + x] : tensor[(y * 4 + x) * 3 + c];
                    Assert.True(Math.Abs(expected[c] - actual) < 1e-4f, $"{label}: ({x},{y}) channel {c} = {actual}, expected {expected[c]}");
                }
            }
        }
    }

    /// <summary>A tall 2x4 frame letterboxed into 4x4 channels first: one grey column each side, BGR kept, normalised.</summary>
    [Fact]
    public void Write_TallFrameChannelsFirst_PadsLeftAndRightOnly()
    {
        using var frame = new Mat(4, 2, MatType.CV_8UC3);
        for (int y = 0; y < 4; y++)
        {
            for (int x = 0; x < 2; x++)
            {
                frame.Set(y, x, new Vec3b((byte)(10 * y + x), 100, 200));
            }
        }

        var spec = new InputSpec(4, 4, TensorLayout.Nchw, ChannelOrder.Bgr, ResizeMode.Letterbox, [0, 0, 100], [1, 2, 1], PadValue: 114);
        using var preprocessor = new FramePreprocessor(spec);
        var tensor = new float[spec.TensorLength];
        Array.Fill(tensor, float.NaN); // whatever the buffer held before must be overwritten everywhere

        preprocessor.Write(frame, tensor);

        for (int y = 0; y < 4; y++)
        {
            for (int x = 0; x < 4; x++)
            {
                bool bar = x == 0 || x == 3;
                float[] expected = bar ? [114, 57, 14] : [10 * y + (x - 1), 50, 100]; // B, G halved, R minus 100
                for (int c = 0; c < 3; c++)
                {
                    float actual = tensor[c * 16 + y * 4 + x];
                    Assert.True(Math.Abs(expected[c] - actual) < 1e-4f, $"({x},{y}) channel {c} = {actual}, expected {expected[c]}");
                }
            }
        }
    }

    /// <summary>
    /// On a real frame of vtest.avi, the channels-first tensor (OpenCV's vectorised planes, as NanoDet takes it) holds the
    /// same values as the channels-last one (the per-pixel loop), value for value.
    /// </summary>
    [Fact]
    public void Write_RealFrame_ChannelsFirstHoldsTheChannelsLastValues()
    {
        using var image = SampleVideoFrames.Read(120)[0];
        float[] mean = [103.53f, 116.28f, 123.675f], std = [57.375f, 57.12f, 58.395f];
        var planar = new InputSpec(416, 320, TensorLayout.Nchw, ChannelOrder.Bgr, ResizeMode.Letterbox, mean, std);
        var interleaved = planar with { Layout = TensorLayout.Nhwc };
        using var planarWriter = new FramePreprocessor(planar);
        using var interleavedWriter = new FramePreprocessor(interleaved);
        var chw = new float[planar.TensorLength];
        var hwc = new float[interleaved.TensorLength];

        planarWriter.Write(image, chw);
        interleavedWriter.Write(image, hwc);

        int plane = 416 * 320;
        for (int i = 0; i < plane; i++)
        {
            for (int c = 0; c < 3; c++)
            {
                float a = chw[c * plane + i], b = hwc[i * 3 + c];
                Assert.True(Math.Abs(a - b) < 1e-4f, $"pixel {i % 416},{i / 416} channel {c}: {a} channels first, {b} channels last");
            }
        }
    }

    [Fact]
    public void Write_GreyFrame_IsRejected()
    {
        using var grey = new Mat(4, 4, MatType.CV_8UC1, Scalar.All(0));
        using var preprocessor = new FramePreprocessor(new InputSpec(4, 4, TensorLayout.Nchw, ChannelOrder.Bgr, ResizeMode.Stretch, [0, 0, 0], [1, 1, 1]));

        Assert.Throws<ArgumentException>(() => preprocessor.Write(grey, new float[48]));
    }
}
