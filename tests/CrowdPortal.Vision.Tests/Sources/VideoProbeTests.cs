using System.Text;
using CrowdPortal.Tests.Shared;
using CrowdPortal.Vision.Sources;

namespace CrowdPortal.Vision.Tests.Sources;

public sealed class VideoProbeTests
{
    [Fact]
    public void TryProbe_SampleVideo_ReportsItsFacts()
    {
        bool ok = VideoProbe.TryProbe(RepoPaths.SampleVideo, out VideoInfo? info, out string? error);

        Assert.True(ok, error);
        Assert.Equal(new VideoInfo(795, 10, 768, 576, 79.5), info);
    }

    [Theory]
    [InlineData("empty file", "")]
    [InlineData("text renamed .avi", "hello, I am a text file\n")]
    [InlineData("fake AVI magic", "RIFF\0\0\0\0AVI LIST")]
    public void TryProbe_NotAVideo_ReturnsFalseWithMessage(string label, string content)
    {
        using var temp = new TempFiles();
        string path = temp.Write("upload.avi", Encoding.ASCII.GetBytes(content));

        bool ok = VideoProbe.TryProbe(path, out VideoInfo? info, out string? error);

        Assert.False(ok, label);
        Assert.Null(info);
        Assert.Contains("upload.avi", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryProbe_MissingFile_ReturnsFalse()
    {
        bool ok = VideoProbe.TryProbe("/nonexistent/upload.mp4", out _, out string? error);

        Assert.False(ok);
        Assert.Contains("not found", error, StringComparison.Ordinal);
    }
}
