using CrowdPortal.Core.Alerts;
using CrowdPortal.Core.Counting;
using CrowdPortal.Core.Zones;

namespace CrowdPortal.Web.Analysis;

/// <summary>What the stored rows need to know about the zones of one analysis: labels, units and levels.</summary>
internal sealed class ZoneLabels(ZoneSet zones)
{
    public const string WholeFrameLabel = "Whole frame";

    private readonly Dictionary<string, ZoneDefinition> _byId = zones.Zones.ToDictionary(z => z.ZoneId);

    public string Label(string zoneId) =>
        zoneId == CountSample.FrameZoneId ? WholeFrameLabel : _byId.TryGetValue(zoneId, out var zone) ? zone.Label : zoneId;

    public string Unit(string zoneId) =>
        _byId.TryGetValue(zoneId, out var zone) && zone.AreaM2 is not null ? "people/m²" : "people";

    /// <summary>The level of an interval's end count, by the zone's thresholds (normal for the whole frame and lines).</summary>
    public AlertLevel Level(string zoneId, int current) =>
        _byId.TryGetValue(zoneId, out var zone) && zone.Kind == ZoneKind.Polygon ? DensityLevels.Classify(zone, current) : AlertLevel.Normal;
}
