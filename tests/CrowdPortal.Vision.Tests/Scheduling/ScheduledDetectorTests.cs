using CrowdPortal.Core;
using CrowdPortal.Vision.Detectors;
using CrowdPortal.Vision.Pipeline;
using CrowdPortal.Vision.Scheduling;
using OpenCvSharp;

namespace CrowdPortal.Vision.Tests.Scheduling;

public sealed class ScheduledDetectorTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Rows: scheduler slots, sessions of the shared detector, slots other clients hold throughout, frames the camera
    /// asks to detect at once, and how many of them must run at once.
    /// </summary>
    public static TheoryData<string, int, int, int, int, int> Rows => new()
    {
        { "alone on 2 slots: 2 frames at once", 2, 2, 0, 3, 2 },
        { "alone on 4 slots: 4 frames at once", 4, 4, 0, 6, 4 },
        { "one slot held by another camera: 1 frame at a time", 2, 2, 1, 3, 1 },
        { "one slot: 1 frame at a time", 1, 1, 0, 2, 1 },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public async Task Detect_CalledFromSeveralThreads_RunsAsManyFramesAtOnceAsSlotsGranted(
        string label, int slots, int sessions, int heldByOthers, int frames, int expectedAtOnce)
    {
        var scheduler = new FairInferenceScheduler(slots, TimeProvider.System);
        var others = new List<FairInferenceScheduler.Turn>();
        for (int i = 0; i < heldByOthers; i++)
        {
            others.Add(await scheduler.WaitTurnAsync("other camera " + i));
        }

        using var shared = new GatedDetector(sessions);
        using var detector = new ScheduledDetector(shared, scheduler, "camera 1");
        Task[] calls = [.. Enumerable.Range(0, frames).Select(_ => Task.Factory.StartNew(
            () =>
            {
                using var image = new Mat(4, 4, MatType.CV_8UC3);
                detector.Detect(image, []);
            },
            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))];

        // Every frame is either running or waiting for a slot.
        await WaitUntilAsync(() => shared.Running + scheduler.Waiting == frames, label);
        Assert.Equal(expectedAtOnce, shared.Running);
        Assert.Equal(Math.Min(slots, sessions), detector.Concurrency); // what the pipeline keeps in flight

        shared.Release();
        await Task.WhenAll(calls).WaitAsync(Patience);
        foreach (FairInferenceScheduler.Turn turn in others)
        {
            turn.Dispose();
        }

        Assert.Equal(expectedAtOnce, shared.MostAtOnce);
        Assert.Equal(frames, scheduler.TurnsOf("camera 1"));
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string label)
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (!condition())
        {
            Assert.False(timeout.IsCancellationRequested, $"{label}: the frames never all started or queued");
            await Task.Delay(10);
        }
    }

    /// <summary>A pool-like shared detector whose calls all block until released, counting how many run at once.</summary>
    private sealed class GatedDetector(int sessions) : IConcurrentDetector, IStageTimedDetector
    {
        private readonly ManualResetEventSlim _release = new(false);
        private readonly SemaphoreSlim _sessions = new(sessions, sessions);
        private int _running;
        private int _mostAtOnce;

        public string Name => "gated";

        public float ConfidentScore => 0f;

        public int Concurrency => sessions;

        public int Running => Volatile.Read(ref _running);

        public int MostAtOnce => Volatile.Read(ref _mostAtOnce);

        public DetectorStageTimes LastStageTimes => default;

        public void Release() => _release.Set();

        public void Detect(Mat bgrFrame, List<Detection> output)
        {
            _sessions.Wait();
            try
            {
                int now = Interlocked.Increment(ref _running);
                int most;
                while (now > (most = Volatile.Read(ref _mostAtOnce)) && Interlocked.CompareExchange(ref _mostAtOnce, now, most) != most)
                {
                }

                _release.Wait(Patience);
                Interlocked.Decrement(ref _running);
            }
            finally
            {
                _sessions.Release();
            }
        }

        public void Dispose()
        {
            _release.Dispose();
            _sessions.Dispose();
        }
    }
}
