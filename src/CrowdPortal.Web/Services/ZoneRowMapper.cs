using CrowdPortal.Core.Geometry;
using CrowdPortal.Core.Zones;
using CrowdPortal.Data.Entities;

namespace CrowdPortal.Web.Services;

/// <summary>Converts between Core's zone definitions and <c>video_zones</c> rows.</summary>
internal static class ZoneRowMapper
{
    public static VideoZone ToRow(long videoId, ZoneDefinition zone, int order) => new()
    {
        VideoId = videoId,
        ZoneId = zone.ZoneId,
        Label = zone.Label,
        Kind = zone.Kind.ToString().ToLowerInvariant(),
        Coordinates = ZoneSetJson.SerializePoints(zone.Points),
        Warning = zone.Warning,
        Critical = zone.Critical,
        AreaM2 = zone.AreaM2,
        Colour = zone.Colour,
        Anchor = ZoneSetJson.AnchorName(zone.Anchor),
        Inertia = zone.InertiaFrames,
        SortOrder = order,
    };

    /// <summary>A stored row back as a zone. Rows were validated when saved, so a bad row is a bug, not user input.</summary>
    public static ZoneDefinition ToZone(VideoZone row)
    {
        if (!ZoneSetJson.TryParsePoints(row.Coordinates, out Point2[] points, out string? error))
        {
            throw new InvalidOperationException($"Stored zone {row.Id} has unreadable coordinates: {error}");
        }

        return new ZoneDefinition
        {
            ZoneId = row.ZoneId,
            Label = row.Label,
            Kind = Enum.Parse<ZoneKind>(row.Kind, ignoreCase: true),
            Points = points,
            Warning = row.Warning,
            Critical = row.Critical,
            AreaM2 = row.AreaM2,
            Colour = row.Colour,
            Anchor = row.Anchor switch
            {
                "center" => AnchorPoint.Center,
                "top-center" => AnchorPoint.TopCenter,
                _ => AnchorPoint.BottomCenter,
            },
            InertiaFrames = row.Inertia,
        };
    }
}
