namespace CrowdPortal.Core.Counting;

/// <summary>
/// What a zone counter saw in one frame: people confirmed in the zone now (0 for lines), and how many confirmed
/// entries and exits (for lines: in and out crossings) happened in this frame.
/// </summary>
public readonly record struct ZoneFrameCount(int Current, int Entries, int Exits);
