using CrowdPortal.Tests.Shared;
using CrowdPortal.Vision.Sources;
using OpenCvSharp;

namespace CrowdPortal.Vision.Tests.Sources;

public sealed class FrameSnapshotTests
{
    [Theory]
    [InlineData("first frame", 0, 0)]
    [InlineData("negative index clamps to the start", -5, 0)]
    [InlineData("middle", 50, 50)]
    [InlineData("late", 612, 612)]
    [InlineData("past the end clamps to the last frame", 5000, 794)]
    public void ReadJpeg_IsTheFrameSequentialDecodingShows(string label, long index, int expectedIndex)
    {
        using Mat expected = SequentialFrame(expectedIndex);

        byte[]? jpeg = FrameSnapshot.ReadJpeg(RepoPaths.SampleVideo, index, quality: 100);

        Assert.NotNull(jpeg);
        using Mat actual = Cv2.ImDecode(jpeg, ImreadModes.Color);
        Assert.Equal(expected.Size(), actual.Size());

        // JPEG at quality 100 is near-lossless: the mean absolute difference to the right frame stays tiny.
        double meanDiff = Cv2.Norm(expected, actual, NormTypes.L1) / (expected.Total() * 3);
        Assert.True(meanDiff < 2, $"{label}: mean difference {meanDiff:0.00} from frame {expectedIndex}");
    }

    [Fact]
    public void ReadJpeg_WideVideo_IsScaledToMaxWidth()
    {
        byte[]? jpeg = FrameSnapshot.ReadJpeg(RepoPaths.SampleVideo, 10, maxWidth: 384);

        using Mat decoded = Cv2.ImDecode(jpeg!, ImreadModes.Color);
        Assert.Equal((384, 288), (decoded.Width, decoded.Height));
    }

    [Fact]
    public void ReadJpeg_MissingFile_IsNull()
    {
        Assert.Null(FrameSnapshot.ReadJpeg("/nonexistent/clip.avi", 0));
    }

    private static Mat SequentialFrame(int index)
    {
        using var source = new VideoFileSource(RepoPaths.SampleVideo);
        var frame = new Mat();
        for (int i = 0; i <= index; i++)
        {
            Assert.True(source.TryRead(frame, out _));
        }

        return frame;
    }
}
