using System.Text;
using CrowdPortal.Vision.Sources;
using OpenCvSharp;

namespace CrowdPortal.Vision.Tests.Sources;

public sealed class JpegPushSourceTests
{
    public static TheoryData<string, byte[]> NotJpeg => new()
    {
        { "empty", [] },
        { "text", Encoding.UTF8.GetBytes("GET / HTTP/1.1") },
        { "PNG", Encode(".png", 32, 24) },
        { "JPEG marker only", [0xFF, 0xD8, 0xFF] },
        { "truncated JPEG", Encode(".jpg", 64, 48).AsSpan(0, 40).ToArray() },
    };

    [Theory]
    [MemberData(nameof(NotJpeg))]
    public void Push_NotAJpeg_ThrowsInvalidData(string label, byte[] bytes)
    {
        using var source = new JpegPushSource();

        var ex = Assert.Throws<InvalidDataException>(() => source.Push(bytes));

        Assert.Contains("JPEG", ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(0, source.Info.Width);
        Assert.NotNull(label);
    }

    [Fact]
    public void Push_Jpeg_IsReadAsBgrFrameWithItsSize()
    {
        using var source = new JpegPushSource();
        source.Push(Encode(".jpg", 64, 48), timeSeconds: 1.5);
        using var frame = new Mat();

        Assert.True(source.TryRead(frame, out FrameStamp stamp));

        Assert.Equal(new FrameStamp(0, 1.5), stamp);
        Assert.Equal((64, 48), (frame.Width, frame.Height));
        Assert.Equal(MatType.CV_8UC3, frame.Type());
        Assert.Equal(new FrameSourceInfo(null, null, 64, 48, IsLive: true), source.Info);
    }

    [Fact]
    public void Push_FasterThanRead_KeepsOnlyTheNewest()
    {
        using var source = new JpegPushSource();
        source.Push(Encode(".jpg", 32, 32), 0.0);
        source.Push(Encode(".jpg", 40, 32), 0.1);
        source.Push(Encode(".jpg", 48, 32), 0.2);
        source.Complete();
        using var frame = new Mat();

        Assert.True(source.TryRead(frame, out FrameStamp stamp));
        Assert.Equal(new FrameStamp(2, 0.2), stamp);
        Assert.Equal(48, frame.Width);
        Assert.Equal(2, source.DroppedFrames);
        Assert.False(source.TryRead(frame, out _), "completed: no more frames");
    }

    [Fact]
    public void TryRead_NothingPushedAndCancelled_Throws()
    {
        using var source = new JpegPushSource();
        using var frame = new Mat();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        Assert.ThrowsAny<OperationCanceledException>(() => source.TryRead(frame, out _, cancel.Token));
    }

    [Fact]
    public void TryRead_WaitsForAFramePushedFromAnotherThread()
    {
        using var source = new JpegPushSource();
        using var frame = new Mat();
        byte[] jpeg = Encode(".jpg", 16, 16);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        bool read = false;
        var reader = new Thread(() => read = source.TryRead(frame, out _, timeout.Token)) { IsBackground = true };
        reader.Start();

        // Push only once the reader is blocked waiting, so the frame is what wakes it.
        Assert.True(SpinWait.SpinUntil(() => (reader.ThreadState & ThreadState.WaitSleepJoin) != 0, TimeSpan.FromSeconds(10)), "the reader waits");
        source.Push(jpeg);

        Assert.True(reader.Join(TimeSpan.FromSeconds(10)), "the pushed frame woke the reader");
        Assert.True(read);
        Assert.Equal(16, frame.Width);
    }

    private static byte[] Encode(string extension, int width, int height)
    {
        using var image = new Mat(height, width, MatType.CV_8UC3, new Scalar(30, 120, 200));
        Cv2.ImEncode(extension, image, out byte[] bytes);
        return bytes;
    }
}
