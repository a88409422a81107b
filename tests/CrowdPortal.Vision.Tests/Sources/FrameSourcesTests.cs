using CrowdPortal.Tests.Shared;
using CrowdPortal.Vision.Sources;

namespace CrowdPortal.Vision.Tests.Sources;

public sealed class FrameSourcesTests
{
    [Theory]
    [InlineData("empty", "", false)]
    [InlineData("rtsp camera", "rtsp://127.0.0.1:8554/cam", true)]
    [InlineData("http mjpeg", "http://127.0.0.1:8080/stream", true)]
    [InlineData("https", "https://127.0.0.1/live.m3u8", true)]
    [InlineData("rtmp", "rtmp://127.0.0.1/live/key", true)]
    [InlineData("absolute file path", "/data/videos/clip.mp4", false)]
    [InlineData("relative file path", "clip.avi", false)]
    [InlineData("file URL", "file:///data/clip.mp4", false)]
    public void IsStreamUrl_TellsStreamsFromFiles(string label, string location, bool expected)
    {
        Assert.True(expected == FrameSources.IsStreamUrl(location), label);
    }

    [Fact]
    public void Open_FilePath_GivesAFileSource()
    {
        using IFrameSource source = FrameSources.Open(RepoPaths.SampleVideo);

        Assert.IsType<VideoFileSource>(source);
        Assert.False(source.Info.IsLive);
    }
}
