using System.Collections.Concurrent;
using CrowdPortal.Tests.Shared;
using CrowdPortal.Vision.Sources;
using OpenCvSharp;

namespace CrowdPortal.Vision.Tests.Sources;

public sealed class StreamSourceTests
{
    private static readonly TimeSpan FrameWait = TimeSpan.FromSeconds(20);

    private static readonly StreamSourceOptions FastRetry = new()
    {
        InitialBackoff = TimeSpan.FromMilliseconds(200),
        MaxBackoff = TimeSpan.FromSeconds(1),
        StallTimeout = TimeSpan.FromSeconds(5),
    };

    [Fact]
    public void Stream_KilledAndRestarted_ReconnectsAndFramesArriveAgain()
    {
        using var server = new LoopbackMjpegServer();
        server.Start();
        var states = new ConcurrentQueue<StreamState>();
        using var source = new StreamSource(server.Url, FastRetry);
        source.StateChanged += (_, state) => states.Enqueue(state);
        using var frame = new Mat();

        FrameStamp first = ReadWithin(source, frame, FrameWait);
        Assert.Equal(768, frame.Width);
        Assert.Equal(576, frame.Height);
        Assert.Equal(StreamState.Online, source.State);
        Assert.Equal(1, source.Connections);
        FrameStamp second = ReadWithin(source, frame, FrameWait);
        Assert.True(second.Index > first.Index, "a later read hands a newer frame");
        Assert.True(second.TimeSeconds >= first.TimeSeconds);

        server.Stop();
        WaitUntil(() => source.State == StreamState.Reconnecting, FrameWait, "the source notices the drop");
        server.Start();

        WaitUntil(() => source.Connections == 2, FrameWait, "the source reconnects after the server comes back");
        FrameStamp afterReconnect = ReadWithin(source, frame, FrameWait);
        Assert.True(afterReconnect.Index > second.Index, "frame indices keep counting across the reconnection");
        Assert.Equal(StreamState.Online, source.State);
        Assert.Contains(StreamState.Reconnecting, states);
        Assert.Equal(768, source.Info.Width);
    }

    [Fact]
    public void Stream_SlowReader_GetsTheNewestFrameAndDropsTheRest()
    {
        using var server = new LoopbackMjpegServer();
        server.Start();
        using var source = new StreamSource(server.Url, FastRetry);
        using var frame = new Mat();
        FrameStamp first = ReadWithin(source, frame, FrameWait);

        // Not reading while the stream goes on: frames published meanwhile replace each other instead of queueing.
        WaitUntil(() => source.DroppedFrames >= 5, FrameWait, "five frames were dropped");
        FrameStamp next = ReadWithin(source, frame, FrameWait);

        Assert.True(next.Index >= first.Index + 6, $"skipped ahead from {first.Index} to {next.Index}: the newest frame, not the next queued one");
        Assert.True(next.TimeSeconds > first.TimeSeconds);
    }

    [Fact]
    public void Stream_NothingListening_GivesUpAfterMaxAttemptsAndEnds()
    {
        int port = LoopbackMjpegServer.FreeLoopbackPort();
        var options = FastRetry with { MaxAttempts = 2 };
        using var source = new StreamSource($"http://127.0.0.1:{port}/stream", options);
        using var frame = new Mat();
        using var timeout = new CancellationTokenSource(FrameWait);

        bool read = source.TryRead(frame, out _, timeout.Token);

        Assert.False(read);
        Assert.Equal(StreamState.Offline, source.State);
        Assert.False(string.IsNullOrWhiteSpace(source.LastError));
        Assert.Equal(0, source.Connections);
    }

    [Fact]
    public void Stream_FfmpegMissing_GoesOfflineSayingWhy()
    {
        var options = FastRetry with { FfmpegPath = "/nonexistent/ffmpeg" };
        using var source = new StreamSource("http://127.0.0.1:9/stream", options);
        using var frame = new Mat();
        using var timeout = new CancellationTokenSource(FrameWait);

        Assert.False(source.TryRead(frame, out _, timeout.Token));
        Assert.Equal(StreamState.Offline, source.State);
        Assert.Contains("cannot start /nonexistent/ffmpeg", source.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public void Stream_TargetRefused_FailsTheAttemptWithTheReason_WithoutStartingFfmpeg()
    {
        int calls = 0;
        // A missing ffmpeg would say "cannot start": the refusal must come first, before any process is started.
        var options = FastRetry with
        {
            FfmpegPath = "/nonexistent/ffmpeg",
            MaxAttempts = 2,
            ResolveTarget = (_, _) =>
            {
                Interlocked.Increment(ref calls);
                throw new StreamTargetRefusedException("refused: not allowed");
            },
        };
        using var source = new StreamSource("http://camera.example/stream", options);
        using var frame = new Mat();
        using var timeout = new CancellationTokenSource(FrameWait);

        Assert.False(source.TryRead(frame, out _, timeout.Token));
        Assert.Equal(StreamState.Offline, source.State);
        Assert.Equal("refused: not allowed", source.LastError);
        Assert.Equal(2, Volatile.Read(ref calls));
    }

    [Fact]
    public void TryRead_Cancelled_ThrowsOperationCanceled()
    {
        int port = LoopbackMjpegServer.FreeLoopbackPort();
        using var source = new StreamSource($"http://127.0.0.1:{port}/stream", FastRetry);
        using var frame = new Mat();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        Assert.ThrowsAny<OperationCanceledException>(() => source.TryRead(frame, out _, cancel.Token));
    }

    [Theory]
    [InlineData("empty", "")]
    [InlineData("relative path", "videos/cam.mp4")]
    [InlineData("file URL", "file:///etc/passwd")]
    [InlineData("ftp URL", "ftp://127.0.0.1/stream")]
    public void Constructor_NotAStreamUrl_Throws(string label, string url)
    {
        var ex = Assert.Throws<ArgumentException>(() => new StreamSource(url));
        Assert.Contains("not a stream URL", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(label);
    }

    [Theory]
    [InlineData("no failure yet", 0, 0)]
    [InlineData("first retry waits the initial back-off", 1, 200)]
    [InlineData("second retry doubles it", 2, 400)]
    [InlineData("third retry doubles again", 3, 800)]
    [InlineData("capped at the maximum", 4, 1000)]
    [InlineData("stays capped for huge counts", 1000, 1000)]
    public void BackoffFor_GrowsExponentiallyUpToTheCap(string label, int failedAttempts, int expectedMs)
    {
        TimeSpan delay = FastRetry.BackoffFor(failedAttempts);

        Assert.True(Math.Abs(delay.TotalMilliseconds - expectedMs) < 0.001, $"{label}: got {delay.TotalMilliseconds} ms");
    }

    private static FrameStamp ReadWithin(StreamSource source, Mat frame, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        Assert.True(source.TryRead(frame, out FrameStamp stamp, timeout.Token), $"no frame: {source.LastError}");
        return stamp;
    }

    private static void WaitUntil(Func<bool> condition, TimeSpan limit, string what)
    {
        DateTime end = DateTime.UtcNow + limit;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < end, $"timed out waiting until {what}");
            Thread.Sleep(50);
        }
    }
}
