namespace CrowdPortal.Web.Analysis;

/// <summary>The messages pushed to watching pages (docs/API.md, "Live updates"). Coordinates are normalised.</summary>
public sealed record ProgressMessage(long VideoId, string Status, double Progress, long FramesAnalysed, double Fps, double? EtaSeconds);

public sealed record TrackBox(int Id, double X1, double Y1, double X2, double Y2);

public sealed record ZoneLive(string ZoneId, int Current, double? Density, string Level);

/// <summary>One analysed frame; <paramref name="ProducedAtMs"/> is when the pipeline finished it (Unix ms), to measure delivery.</summary>
public sealed record FrameMessage(long VideoId, double T, long FrameIndex, int People, IReadOnlyList<TrackBox> Tracks, IReadOnlyList<ZoneLive> Zones, long ProducedAtMs);

public sealed record SampleMessage(string ZoneId, string Label, double Ts, int Current, int Peak, int Entries, int Exits, double? Density, string Level);

public sealed record SamplesMessage(long VideoId, IReadOnlyList<SampleMessage> Samples);

public sealed record CompletedMessage(long VideoId, string Status, string? Error);
