using CrowdPortal.Web.Cameras;

namespace CrowdPortal.Web.Tests.Cameras;

/// <summary>The frame rate a camera reports: what the camera list, the wall and the API show as "fps".</summary>
public sealed class CameraLiveStateTests
{
    [Fact]
    public void Fps_IsTheFramesOfTheLastWindow()
    {
        var clock = new ManualClock();
        var state = new CameraLiveState(1, clock);

        Feed(state, clock, frames: 30, every: TimeSpan.FromMilliseconds(100));

        Assert.Equal(10, state.Fps, precision: 0);
        Assert.Equal(clock.GetUtcNow().UtcDateTime - TimeSpan.FromMilliseconds(100), state.LastFrameAt);
    }

    [Fact]
    public void Fps_FallsToZeroWhenFramesStop()
    {
        // A camera whose stream stalls must not keep showing the rate it had before the stall.
        var clock = new ManualClock();
        var state = new CameraLiveState(1, clock);
        Feed(state, clock, frames: 30, every: TimeSpan.FromMilliseconds(100));

        clock.Advance(CameraLiveState.FpsWindow);

        Assert.Equal(0, state.Fps);
    }

    [Fact]
    public void Fps_FollowsASlowerRate()
    {
        var clock = new ManualClock();
        var state = new CameraLiveState(1, clock);
        Feed(state, clock, frames: 30, every: TimeSpan.FromMilliseconds(100));

        Feed(state, clock, frames: 6, every: TimeSpan.FromMilliseconds(500));

        Assert.Equal(2, state.Fps, precision: 0);
    }

    /// <summary>Frames analysed at a steady rate: one, then the clock moves on by <paramref name="every"/>.</summary>
    private static void Feed(CameraLiveState state, ManualClock clock, int frames, TimeSpan every)
    {
        for (int i = 0; i < frames; i++)
        {
            state.OnFrame();
            clock.Advance(every);
        }
    }

    /// <summary>A clock the test moves by hand.</summary>
    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override DateTimeOffset GetUtcNow() => _now;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by)
        {
            _now += by;
            _ticks += by.Ticks;
        }
    }
}
