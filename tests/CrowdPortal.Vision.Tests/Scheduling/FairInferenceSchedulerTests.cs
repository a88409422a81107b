using CrowdPortal.Vision.Scheduling;

namespace CrowdPortal.Vision.Tests.Scheduling;

public sealed class FairInferenceSchedulerTests
{
    /// <summary>
    /// Rows: slots, inference ms, how long the cameras run (ms), and per camera (asks again every N ms after its last
    /// inference, 0 = at once; stops asking at ms, its stream stalled) with the turns it must get (±1).
    /// </summary>
    public static TheoryData<string, int, int, int, (int AskEveryMs, int StopAtMs, int Turns)[]> Rows => new()
    {
        { "no cameras: nothing to serve", 2, 20, 1000, [] },
        { "fewer cameras than slots: every ask served at once", 4, 20, 2000, [(0, int.MaxValue, 100), (0, int.MaxValue, 100)] },
        { "4 cameras over-asking 2 slots: equal shares", 2, 20, 2000, [.. Enumerable.Repeat((0, int.MaxValue, 50), 4)] },
        { "8 cameras over-asking 2 slots: equal shares", 2, 20, 2000, [.. Enumerable.Repeat((0, int.MaxValue, 25), 8)] },
        { "a camera stalls halfway: its share goes to the others", 1, 10, 3000, [(0, int.MaxValue, 125), (0, int.MaxValue, 125), (0, 1500, 50)] },
        // It asks 90 ms after each inference and waits at most one inference (10 ms) for the slot: a turn every 100-110 ms.
        { "a camera asking less than its share is served within one inference", 1, 10, 3000, [(0, int.MaxValue, 137), (0, int.MaxValue, 137), (90, int.MaxValue, 27)] },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void WaitTurn_ManyCameras_TurnsAreShared(string label, int slots, int inferenceMs, int runMs, (int AskEveryMs, int StopAtMs, int Turns)[] cameras)
    {
        var clock = new ManualClock();
        var scheduler = new FairInferenceScheduler(slots, clock);
        var simulation = new Simulation(scheduler, clock, cameras, TimeSpan.FromMilliseconds(inferenceMs));

        simulation.Run(TimeSpan.FromMilliseconds(runMs));

        for (int c = 0; c < cameras.Length; c++)
        {
            long turns = scheduler.TurnsOf(Simulation.Name(c));
            Assert.True(Math.Abs(turns - cameras[c].Turns) <= 1, $"{label}: camera {c} got {turns} turns, expected {cameras[c].Turns}");
        }

        Assert.True(simulation.MostAtOnce <= slots, $"{label}: {simulation.MostAtOnce} inferences ran at once on {slots} slots");
    }

    /// <summary>
    /// Rows: slots, frames each camera keeps in flight (asks open at once: its pipeline's concurrency), inference ms, how
    /// long the cameras run (ms), and per camera (as above) with the turns it must get (± frames in flight: the lanes
    /// waiting when the run ends are granted at its last instant).
    /// </summary>
    public static TheoryData<string, int, int, int, int, (int AskEveryMs, int StopAtMs, int Turns)[]> ConcurrentRows => new()
    {
        { "no cameras: nothing to serve", 2, 2, 20, 1000, [] },
        { "one camera alone with 2 frames in flight: both slots busy, twice one slot's turns", 2, 2, 20, 2000, [(0, int.MaxValue, 200)] },
        { "one camera alone with 4 frames in flight on 2 slots: never more than the slots", 2, 4, 20, 2000, [(0, int.MaxValue, 200)] },
        { "2 cameras with 2 in flight each on 2 slots: equal shares", 2, 2, 20, 2000, [(0, int.MaxValue, 100), (0, int.MaxValue, 100)] },
        { "8 cameras with 2 in flight each on 2 slots: equal shares", 2, 2, 20, 2000, [.. Enumerable.Repeat((0, int.MaxValue, 25), 8)] },
        { "a camera stalls halfway: its share goes to the others", 2, 2, 10, 3000, [(0, int.MaxValue, 250), (0, int.MaxValue, 250), (0, 1500, 100)] },
        // Capped at 10 fps: it asks 100 ms after each frame and waits at most one inference for a slot.
        { "a capped camera beside an uncapped one: served within one inference, the rest to the other", 2, 2, 10, 3000, [(0, int.MaxValue, 545), (90, int.MaxValue, 55)] },
    };

    [Theory]
    [MemberData(nameof(ConcurrentRows))]
    public void WaitTurn_CamerasWithSeveralFramesInFlight_TurnsAreSharedAndSlotsNeverExceeded(
        string label, int slots, int framesInFlight, int inferenceMs, int runMs, (int AskEveryMs, int StopAtMs, int Turns)[] cameras)
    {
        var clock = new ManualClock();
        var scheduler = new FairInferenceScheduler(slots, clock);
        var simulation = new Simulation(scheduler, clock, cameras, TimeSpan.FromMilliseconds(inferenceMs), framesInFlight);

        simulation.Run(TimeSpan.FromMilliseconds(runMs));

        for (int c = 0; c < cameras.Length; c++)
        {
            long turns = scheduler.TurnsOf(Simulation.Name(c));
            Assert.True(Math.Abs(turns - cameras[c].Turns) <= framesInFlight, $"{label}: camera {c} got {turns} turns, expected {cameras[c].Turns}");
        }

        Assert.True(simulation.MostAtOnce <= slots, $"{label}: {simulation.MostAtOnce} inferences ran at once on {slots} slots");
    }

    [Fact]
    public async Task WaitTurnAsync_CancelledWhileWaiting_LeavesTheQueueAndTheSlotGoesOn()
    {
        var scheduler = new FairInferenceScheduler(1, new ManualClock());
        Task<FairInferenceScheduler.Turn> first = scheduler.WaitTurnAsync("a");
        using var cancel = new CancellationTokenSource();
        Task<FairInferenceScheduler.Turn> cancelled = scheduler.WaitTurnAsync("b", cancel.Token);
        Task<FairInferenceScheduler.Turn> third = scheduler.WaitTurnAsync("c");

        await cancel.CancelAsync();
        (await first).Dispose();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        (await third.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        Assert.Equal(0, scheduler.Waiting);
        Assert.Equal(0, scheduler.TurnsOf("b"));
    }

    /// <summary>
    /// Cameras on the manual clock: each inference holds its turn for a fixed time, then the camera asks again. A camera
    /// with several frames in flight has that many lanes, each asking on its own (a pipeline detecting that many frames).
    /// </summary>
    private sealed class Simulation(
        FairInferenceScheduler scheduler, ManualClock clock, (int AskEveryMs, int StopAtMs, int Turns)[] cameras, TimeSpan inference, int framesInFlight = 1)
    {
        private readonly Task<FairInferenceScheduler.Turn>?[] _waiting = new Task<FairInferenceScheduler.Turn>?[cameras.Length * framesInFlight];
        private readonly (FairInferenceScheduler.Turn Turn, TimeSpan Ends)?[] _running = new (FairInferenceScheduler.Turn, TimeSpan)?[cameras.Length * framesInFlight];
        private readonly TimeSpan[] _nextAsk = new TimeSpan[cameras.Length * framesInFlight];

        public int MostAtOnce { get; private set; }

        public static string Name(int camera) => "camera " + camera;

        private int Lanes => _waiting.Length;

        public void Run(TimeSpan until)
        {
            while (clock.Elapsed < until)
            {
                Ask();
                TimeSpan next = NextEvent(until);
                clock.AdvanceTo(next);
                for (int l = 0; l < Lanes; l++)
                {
                    if (_running[l] is { } run && run.Ends <= clock.Elapsed)
                    {
                        _running[l] = null;
                        _nextAsk[l] = clock.Elapsed + TimeSpan.FromMilliseconds(CameraOf(l).AskEveryMs);
                        run.Turn.Dispose(); // hands the slot to the next camera
                    }
                }

                Start();
            }
        }

        private (int AskEveryMs, int StopAtMs, int Turns) CameraOf(int lane) => cameras[lane / framesInFlight];

        private void Ask()
        {
            for (int l = 0; l < Lanes; l++)
            {
                if (_waiting[l] is null && _running[l] is null && _nextAsk[l] <= clock.Elapsed && clock.Elapsed.TotalMilliseconds < CameraOf(l).StopAtMs)
                {
                    _waiting[l] = scheduler.WaitTurnAsync(Name(l / framesInFlight));
                }
            }

            Start();
        }

        /// <summary>Granted turns start their inference now.</summary>
        private void Start()
        {
            for (int l = 0; l < Lanes; l++)
            {
                if (_waiting[l] is { IsCompletedSuccessfully: true } granted)
                {
                    _running[l] = (granted.Result, clock.Elapsed + inference);
                    _waiting[l] = null;
                }
            }

            MostAtOnce = Math.Max(MostAtOnce, _running.Count(r => r is not null));
        }

        private TimeSpan NextEvent(TimeSpan until)
        {
            TimeSpan next = until;
            for (int l = 0; l < Lanes; l++)
            {
                if (_running[l] is { } run && run.Ends < next)
                {
                    next = run.Ends;
                }

                if (_running[l] is null && _waiting[l] is null && _nextAsk[l] > clock.Elapsed && _nextAsk[l] < next)
                {
                    next = _nextAsk[l];
                }
            }

            return next;
        }
    }
}
