using System.Text;
using CrowdPortal.Tests.Shared;
using CrowdPortal.Vision.Sources;
using OpenCvSharp;

namespace CrowdPortal.Vision.Tests.Sources;

public sealed class VideoFileSourceTests
{
    [Fact]
    public void SampleVideo_ReadToTheEnd_Yields795FramesWithContainerTimestamps()
    {
        using var source = new VideoFileSource(RepoPaths.SampleVideo);
        using var frame = new Mat();
        long count = 0;
        double lastTime = -1;

        while (source.TryRead(frame, out FrameStamp stamp))
        {
            Assert.Equal(count, stamp.Index);
            Assert.True(Math.Abs(stamp.TimeSeconds - (count / 10.0)) < 1e-6, $"frame {count} at {stamp.TimeSeconds} s");
            Assert.True(stamp.TimeSeconds > lastTime);
            Assert.Equal(768, frame.Width);
            Assert.Equal(576, frame.Height);
            Assert.Equal(MatType.CV_8UC3, frame.Type());
            lastTime = stamp.TimeSeconds;
            count++;
        }

        Assert.Equal(795, count);
        Assert.False(source.TryRead(frame, out _), "stays at the end");
    }

    [Fact]
    public void SampleVideo_Info_HasCountRateAndSize()
    {
        using var source = new VideoFileSource(RepoPaths.SampleVideo);

        Assert.Equal(new FrameSourceInfo(795, 10, 768, 576, IsLive: false), source.Info);
        Assert.Equal(79.5, source.Info.DurationSeconds!.Value, precision: 6);
    }

    [Fact]
    public void ReadFrames_ReusesOneMatAndEnumeratesInOrder()
    {
        using var source = new VideoFileSource(RepoPaths.SampleVideo);
        Mat? first = null;
        int seen = 0;

        foreach (VideoFrame frame in source.ReadFrames())
        {
            first ??= frame.Image;
            Assert.Same(first, frame.Image);
            Assert.Equal(seen, frame.Index);
            if (++seen == 5)
            {
                break;
            }
        }

        Assert.Equal(5, seen);
    }

    [Fact]
    public void Seek_ThenRead_HasTheSoughtIndexTimeAndPicture()
    {
        using var sequential = new VideoFileSource(RepoPaths.SampleVideo);
        using var expected = new Mat();
        for (int i = 0; i <= 100; i++)
        {
            Assert.True(sequential.TryRead(expected, out _));
        }

        using var source = new VideoFileSource(RepoPaths.SampleVideo);
        using var frame = new Mat();

        Assert.True(source.Seek(100));
        Assert.True(source.TryRead(frame, out FrameStamp stamp));

        Assert.Equal(100, stamp.Index);
        Assert.Equal(10.0, stamp.TimeSeconds, precision: 6);
        Assert.Equal(0, Cv2.Norm(expected, frame, NormTypes.L1));
    }

    [Fact]
    public void TryRead_Cancelled_Throws()
    {
        using var source = new VideoFileSource(RepoPaths.SampleVideo);
        using var frame = new Mat();

        Assert.Throws<OperationCanceledException>(() => source.TryRead(frame, out _, new CancellationToken(canceled: true)));
    }

    public static TheoryData<string, byte[], string> UnreadableFiles => new()
    {
        { "empty file", [], "cannot open" },
        { "text renamed .avi", Encoding.UTF8.GetBytes("this is not a video, just some text\n"), "cannot open" },
        { "truncated header", File.ReadAllBytes(RepoPaths.SampleVideo).AsSpan(0, 200).ToArray(), "" },
    };

    [Theory]
    [MemberData(nameof(UnreadableFiles))]
    public void Constructor_UnreadableFile_ThrowsUserFacingMessage(string label, byte[] content, string expected)
    {
        using var temp = new TempFiles();
        string path = temp.Write("clip.avi", content);

        var ex = Assert.Throws<VideoSourceException>(() => new VideoFileSource(path));

        Assert.Contains("clip.avi", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.NotNull(label);
    }

    [Fact]
    public void Constructor_MissingFile_SaysNotFound()
    {
        var ex = Assert.Throws<VideoSourceException>(() => new VideoFileSource("/nonexistent/folder/clip.avi"));

        Assert.Equal("video file not found: /nonexistent/folder/clip.avi", ex.Message);
    }
}
