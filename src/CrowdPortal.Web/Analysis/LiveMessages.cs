using CrowdPortal.Core.Alerts;

namespace CrowdPortal.Web.Analysis;

/// <summary>The messages pushed to watching pages (docs/API.md, "Live updates"). Coordinates are normalised.</summary>
public sealed record ProgressMessage(long VideoId, string Status, double Progress, long FramesAnalysed, double Fps, double? EtaSeconds);

public sealed record TrackBox(int Id, double X1, double Y1, double X2, double Y2)
{
    /// <summary>The tracked people of a frame as boxes normalised to a <paramref name="width"/> × <paramref name="height"/> frame.</summary>
    public static TrackBox[] From(IReadOnlyList<CrowdPortal.Core.Tracking.TrackedPerson> tracks, double width, double height)
    {
        var boxes = new TrackBox[tracks.Count];
        for (int i = 0; i < boxes.Length; i++)
        {
            var d = tracks[i].Detection;
            boxes[i] = new TrackBox(tracks[i].TrackId, Math.Round(d.X1 / width, 4), Math.Round(d.Y1 / height, 4), Math.Round(d.X2 / width, 4), Math.Round(d.Y2 / height, 4));
        }

        return boxes;
    }
}

public sealed record ZoneLive(string ZoneId, int Current, double? Density, AlertLevel Level);

/// <summary>One analysed frame; <paramref name="ProducedAtMs"/> is when the pipeline finished it (Unix ms), to measure delivery.</summary>
public sealed record FrameMessage(long VideoId, double T, long FrameIndex, int People, IReadOnlyList<TrackBox> Tracks, IReadOnlyList<ZoneLive> Zones, long ProducedAtMs);

public sealed record SampleMessage(string ZoneId, string Label, double Ts, int Current, int Peak, int Entries, int Exits, double? Density, AlertLevel Level);

public sealed record SamplesMessage(long VideoId, IReadOnlyList<SampleMessage> Samples);

public sealed record CompletedMessage(long VideoId, string Status, string? Error);
