namespace CrowdPortal.Vision.Tests.Scheduling;

/// <summary>A clock that moves only when the test says so.</summary>
internal sealed class ManualClock : TimeProvider
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private long _ticks;

    public TimeSpan Elapsed => TimeSpan.FromTicks(_ticks);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => _ticks;

    public override DateTimeOffset GetUtcNow() => Start + Elapsed;

    public void AdvanceTo(TimeSpan time) => _ticks = Math.Max(_ticks, time.Ticks);
}
