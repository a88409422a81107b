using CrowdPortal.Tests.Shared;

namespace CrowdPortal.Web.Tests.Infrastructure;

/// <summary>Upload payloads: the real sample video and a text file posing as a video.</summary>
public static class SampleFiles
{
    private static readonly Lazy<byte[]> LazyVideo = new(() => File.ReadAllBytes(RepoPaths.SampleVideo));

    /// <summary>vtest.avi: 768x576, 10 fps, 795 frames.</summary>
    public static byte[] Video => LazyVideo.Value;

    public static byte[] TextPosingAsVideo { get; } = System.Text.Encoding.UTF8.GetBytes("this is a text file, not a video\n");
}
