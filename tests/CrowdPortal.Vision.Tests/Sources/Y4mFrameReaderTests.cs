using System.Text;
using CrowdPortal.Vision.Sources;

namespace CrowdPortal.Vision.Tests.Sources;

public sealed class Y4mFrameReaderTests
{
    [Fact]
    public async Task Reads_HeaderSizeAndEveryFrame()
    {
        // 4x2 pixels: 8 luma bytes + 2 + 2 chroma bytes per frame.
        byte[] frame1 = Enumerable.Range(0, 12).Select(i => (byte)i).ToArray();
        byte[] frame2 = Enumerable.Range(100, 12).Select(i => (byte)i).ToArray();
        using var stream = Stream("YUV4MPEG2 W4 H2 F25:1 Ip A1:1 C420jpeg XYSCSS=420JPEG\n", "FRAME\n", frame1, "FRAME\n", frame2);
        var reader = new Y4mFrameReader(stream);
        byte[] buffer = new byte[12];

        Assert.True(await reader.ReadHeaderAsync(CancellationToken.None));
        Assert.Equal((4, 2, 12), (reader.Width, reader.Height, reader.FrameBytes));
        Assert.True(await reader.ReadFrameAsync(buffer, CancellationToken.None));
        Assert.Equal(frame1, buffer);
        Assert.True(await reader.ReadFrameAsync(buffer, CancellationToken.None));
        Assert.Equal(frame2, buffer);
        Assert.False(await reader.ReadFrameAsync(buffer, CancellationToken.None), "clean end of stream");
    }

    [Fact]
    public async Task EmptyStream_HasNoHeader()
    {
        using var stream = Stream();

        Assert.False(await new Y4mFrameReader(stream).ReadHeaderAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("not y4m", "RIFF....AVI LIST\n")]
    [InlineData("no size", "YUV4MPEG2 F25:1\n")]
    [InlineData("4:4:4 chroma", "YUV4MPEG2 W4 H2 C444\n")]
    public async Task BadHeader_Throws(string label, string header)
    {
        using var stream = Stream(header);

        await Assert.ThrowsAsync<InvalidDataException>(() => new Y4mFrameReader(stream).ReadHeaderAsync(CancellationToken.None));
        Assert.NotNull(label);
    }

    [Fact]
    public async Task TruncatedFrame_ThrowsEndOfStream()
    {
        using var stream = Stream("YUV4MPEG2 W4 H2\n", "FRAME\n", new byte[5]);
        var reader = new Y4mFrameReader(stream);
        await reader.ReadHeaderAsync(CancellationToken.None);

        await Assert.ThrowsAsync<EndOfStreamException>(() => reader.ReadFrameAsync(new byte[12], CancellationToken.None));
    }

    private static MemoryStream Stream(params object[] parts)
    {
        var stream = new MemoryStream();
        foreach (object part in parts)
        {
            byte[] bytes = part is string text ? Encoding.ASCII.GetBytes(text) : (byte[])part;
            stream.Write(bytes);
        }

        stream.Position = 0;
        return stream;
    }
}
