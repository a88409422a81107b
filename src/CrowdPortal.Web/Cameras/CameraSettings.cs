namespace CrowdPortal.Web.Cameras;

/// <summary>Live camera settings (section <c>Cameras</c>).</summary>
public sealed record CameraSettings
{
    public const string SectionName = "Cameras";

    /// <summary>The ffmpeg executable that pulls IP camera streams.</summary>
    public string FfmpegPath { get; init; } = "ffmpeg";

    /// <summary>
    /// Batches of results (one batch = one sample interval of every zone, or one set of alert changes) a camera keeps
    /// while the database is unavailable; more are dropped and counted. 600 batches = 10 minutes at 1 s samples.
    /// </summary>
    public int BufferedBatches { get; init; } = 600;

    /// <summary>
    /// How many frames per second each camera (and webcam page) is analysed at most: the newest frame when its time
    /// comes, the ones in between dropped. All cameras share one inference slot per core (a fair scheduler), so this is
    /// what lets many cameras share a machine: 8 cameras x 5 fps fit two cores.
    /// </summary>
    public double AnalysisFps { get; init; } = 5;

    /// <summary>A stream that sends no frame for this long is reopened.</summary>
    public double StallTimeoutSeconds { get; init; } = 10;

    /// <summary>First reconnection delay; doubles per failed attempt up to <see cref="MaxBackoffSeconds"/>.</summary>
    public double InitialBackoffSeconds { get; init; } = 0.5;

    public double MaxBackoffSeconds { get; init; } = 30;

    /// <summary>How often a camera's latest frame is kept as a JPEG (for <c>frame.jpg</c> and the zone editor).</summary>
    public double SnapshotSeconds { get; init; } = 1;

    /// <summary>How often a running camera's heatmap (<c>heatmap.png</c>) is saved.</summary>
    public double HeatmapSeconds { get; init; } = 60;

    /// <summary>
    /// How often a running camera re-reads its zones and privacy level anyway: edits reach it at once by a notification
    /// (<see cref="CameraChanges"/>), and this re-read catches up one that was lost (e.g. while Redis was away).
    /// </summary>
    public double ZoneCheckSeconds { get; init; } = 60;

    /// <summary>Largest JPEG a webcam page may send (bytes).</summary>
    public int MaxWebcamFrameBytes { get; init; } = 2 << 20;

    /// <summary>Camera count rows older than this many hours are downsampled (0 = never).</summary>
    public double DownsampleAfterHours { get; init; } = 24;

    /// <summary>The interval old camera rows are downsampled to, in seconds.</summary>
    public double DownsampleIntervalSeconds { get; init; } = 60;

    /// <summary>Camera count rows and alerts older than this many days are deleted (0 = kept forever).</summary>
    public double RetentionDays { get; init; } = 30;

    /// <summary>How often retention runs.</summary>
    public double RetentionCheckMinutes { get; init; } = 10;

    /// <summary>
    /// Whether cameras may point at this server itself (127.0.0.0/8, ::1). Off by default: a camera URL on loopback would
    /// let any account probe the server's own services. Link-local addresses are refused whatever this says.
    /// </summary>
    public bool AllowLoopback { get; init; }

    /// <summary>CIDR networks (e.g. <c>10.20.0.0/16</c>) camera addresses must be in; empty allows any non-refused address.</summary>
    public string[] AllowedNetworks { get; init; } = [];

    public bool IsValid() =>
        AllowedNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _)) &&
        BufferedBatches >= 1 && AnalysisFps > 0 && double.IsFinite(AnalysisFps) && StallTimeoutSeconds > 0 && InitialBackoffSeconds > 0 && MaxBackoffSeconds >= InitialBackoffSeconds
        && SnapshotSeconds > 0 && HeatmapSeconds > 0 && ZoneCheckSeconds > 0 && MaxWebcamFrameBytes > 0 && DownsampleAfterHours >= 0
        && DownsampleIntervalSeconds >= 1 && RetentionDays >= 0 && RetentionCheckMinutes > 0;
}
