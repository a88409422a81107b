using CrowdPortal.Core;
using CrowdPortal.Core.Zones;
using CrowdPortal.Vision.Detectors;
using CrowdPortal.Vision.Pipeline;
using CrowdPortal.Vision.Scheduling;
using CrowdPortal.Vision.Sources;
using CrowdPortal.Web.Cameras;
using OpenCvSharp;

namespace CrowdPortal.Web.Tests.Cameras;

/// <summary>
/// The fresh-frame gate in front of a live source (a real <see cref="JpegPushSource"/>, the webcam's): as many frames in
/// flight as the pipeline detects at once, the newest frame read when a detector frees, frames counted in order.
/// </summary>
public sealed class FreshFrameGateTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly byte[] Jpeg = EncodeJpeg();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public async Task TryRead_NFramesInFlight_TheNextReadWaitsForACountedFrame_AndGetsTheNewest(int inFlight)
    {
        using var source = new JpegPushSource();
        using var gate = new FreshFrameGate(source, inFlight);
        using var image = new Mat();
        for (int i = 0; i < inFlight; i++)
        {
            source.Push(Jpeg);
            Assert.True(gate.TryRead(image, out FrameStamp stamp));
            Assert.Equal(i, stamp.Index);
        }

        Assert.Equal(inFlight, gate.InFlight);
        Task<long> next = Task.Factory.StartNew(
            () =>
            {
                using var mat = new Mat();
                return gate.TryRead(mat, out FrameStamp stamp) ? stamp.Index : -1;
            },
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        // Frames keep arriving while every detector is busy: the gate reads none of them...
        source.Push(Jpeg);
        source.Push(Jpeg);
        source.Push(Jpeg);
        Assert.NotSame(next, await Task.WhenAny(next, Task.Delay(TimeSpan.FromMilliseconds(300))));
        Assert.Equal(2, source.DroppedFrames);

        // ...and once the oldest frame is counted, the read goes ahead with the newest of them.
        gate.OnFrame(new FrameAnalysis());
        Assert.Equal(inFlight + 2, await next.WaitAsync(Patience));
        Assert.Equal(inFlight, gate.InFlight);
    }

    [Fact]
    public async Task Pipeline_LiveSourceAndASlotPerCore_DetectsTwoFramesAtOnce_CountsThemInOrder()
    {
        using var source = new JpegPushSource();
        var scheduler = new FairInferenceScheduler(2, TimeProvider.System);
        using var shared = new OutOfOrderDetector();
        using var detector = new ScheduledDetector(shared, scheduler, "camera 1");
        var pipeline = new AnalysisPipeline(detector, ZoneSet.Create([]), new AnalysisOptions { FrameStride = 1, QueueCapacity = 1 });
        using var gate = new FreshFrameGate(source, pipeline.Concurrency);
        var counted = new CountedFrames(gate);
        using var stop = new CancellationTokenSource(Patience);

        // The camera: a frame every few milliseconds until 12 have been counted.
        Task camera = Task.Run(
            async () =>
            {
                while (counted.Count < 12)
                {
                    source.Push(Jpeg);
                    await Task.Delay(5, stop.Token);
                }

                source.Complete();
            },
            stop.Token);
        await pipeline.RunAsync(gate, [counted, gate], progress: null, stop.Token);
        await camera;

        Assert.Equal(2, pipeline.Concurrency);
        Assert.Equal(2, shared.MostAtOnce);
        Assert.True(shared.FinishedOutOfOrder > 0, "the detector was meant to finish some frames before the one read before them");
        Assert.True(counted.Indices.Count >= 12);
        Assert.Equal(counted.Indices.Order(), counted.Indices); // in frame order...
        Assert.Equal(counted.Indices.Count, counted.Indices.Distinct().Count()); // ...each once
        Assert.Equal(2, counted.MostInFlight);
    }

    private static byte[] EncodeJpeg()
    {
        using var frame = new Mat(48, 64, MatType.CV_8UC3, new Scalar(40, 120, 200));
        Cv2.ImEncode(".jpg", frame, out byte[] jpeg);
        return jpeg;
    }

    /// <summary>Records the frames counted, in the order the pipeline hands them to its sinks, and the gate's frames in flight.</summary>
    private sealed class CountedFrames(FreshFrameGate gate) : AnalysisSink
    {
        private int _count;

        public List<long> Indices { get; } = [];

        public int MostInFlight { get; private set; }

        public int Count => Volatile.Read(ref _count);

        public override void OnFrame(FrameAnalysis frame)
        {
            // Before the gate's own OnFrame: this frame still holds its place in flight.
            MostInFlight = Math.Max(MostInFlight, gate.InFlight);
            Indices.Add(frame.Index);
            Interlocked.Increment(ref _count);
        }
    }

    /// <summary>
    /// A shared detector of two sessions whose every first call of a pair waits (a while at most) for the second to
    /// finish, so frames finish out of order, as on a loaded machine; counts how many run at once.
    /// </summary>
    private sealed class OutOfOrderDetector : IConcurrentDetector
    {
        private readonly object _gate = new();
        private readonly HashSet<int> _finished = [];
        private int _calls;
        private int _running;

        public string Name => "out of order";

        public float ConfidentScore => 0f;

        public int Concurrency => 2;

        public int MostAtOnce { get; private set; }

        public int FinishedOutOfOrder { get; private set; }

        public void Detect(Mat bgrFrame, List<Detection> output)
        {
            lock (_gate)
            {
                int call = _calls++;
                MostAtOnce = Math.Max(MostAtOnce, ++_running);
                if (call % 2 == 0)
                {
                    // Wait for the next call to be done; the last frame of the run waits in vain, hence the bound.
                    var until = DateTime.UtcNow + TimeSpan.FromSeconds(1);
                    while (!_finished.Contains(call + 1) && DateTime.UtcNow < until)
                    {
                        Monitor.Wait(_gate, TimeSpan.FromMilliseconds(50));
                    }

                    if (_finished.Contains(call + 1))
                    {
                        FinishedOutOfOrder++;
                    }
                }

                output.Clear();
                _running--;
                _finished.Add(call);
                Monitor.PulseAll(_gate);
            }
        }

        public void Dispose()
        {
        }
    }
}
