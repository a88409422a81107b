using CrowdPortal.Core.Tracking;
using CrowdPortal.Core.Zones;

namespace CrowdPortal.Core.Counting;

/// <summary>A per-zone counter fed with every frame's confirmed tracks (polygon occupancy or line crossings).</summary>
public interface IZoneCounter
{
    ZoneDefinition Zone { get; }

    /// <summary>Confirmed entries (polygon) or in-crossings (line) since the start.</summary>
    int TotalEntries { get; }

    /// <summary>Confirmed exits (polygon) or out-crossings (line) since the start.</summary>
    int TotalExits { get; }

    /// <summary>
    /// Feeds one frame: every confirmed track seen in it (tracks missing from the list count as not seen).
    /// <paramref name="timestampSeconds"/> is video time and must not decrease.
    /// </summary>
    ZoneFrameCount Update(IReadOnlyList<TrackedPerson> people, double timestampSeconds);
}
