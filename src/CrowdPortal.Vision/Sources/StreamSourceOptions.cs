namespace CrowdPortal.Vision.Sources;

/// <summary>How a <see cref="StreamSource"/> connects and reconnects.</summary>
public sealed record StreamSourceOptions
{
    /// <summary>The ffmpeg executable that pulls the stream (a name on PATH or a full path).</summary>
    public string FfmpegPath { get; init; } = "ffmpeg";

    /// <summary>Delay before the first reconnection attempt; doubles after each failed attempt.</summary>
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(0.5);

    /// <summary>Upper bound of the reconnection delay.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Failed attempts in a row after which the source goes <see cref="StreamState.Offline"/>; null retries forever.</summary>
    public int? MaxAttempts { get; init; }

    /// <summary>A connection that delivers no frame for this long is treated as dropped and reopened.</summary>
    public TimeSpan StallTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Extra ffmpeg input options placed before <c>-i</c>; RTSP URLs get <c>-rtsp_transport tcp</c> when this is empty,
    /// because UDP loses packets (and so whole frames) on busy networks.
    /// </summary>
    public IReadOnlyList<string> InputArguments { get; init; } = [];

    /// <summary>
    /// Called before every connection attempt with the source's URL: returns what ffmpeg opens, or throws
    /// <see cref="StreamTargetRefusedException"/> to refuse the attempt. Null: ffmpeg opens the URL as given. The portal
    /// uses it to resolve the camera's host and check the address each time, right before ffmpeg connects.
    /// </summary>
    public Func<string, CancellationToken, Task<StreamConnectTarget>>? ResolveTarget { get; init; }

    /// <summary>The delay before attempt number <paramref name="failedAttempts"/> + 1 (exponential, bounded).</summary>
    public TimeSpan BackoffFor(int failedAttempts)
    {
        if (failedAttempts <= 0)
        {
            return TimeSpan.Zero;
        }

        double factor = Math.Pow(2, Math.Min(failedAttempts - 1, 30));
        double ms = Math.Min(InitialBackoff.TotalMilliseconds * factor, MaxBackoff.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(ms);
    }
}
