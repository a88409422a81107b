using System.Globalization;
using CrowdPortal.Core;
using CrowdPortal.Core.Alerts;
using CrowdPortal.Core.Analysis;
using CrowdPortal.Core.Geometry;
using CrowdPortal.Core.Tracking;
using CrowdPortal.Core.Zones;
using OpenCvSharp;

namespace CrowdPortal.Vision.Rendering;

/// <summary>
/// Draws one frame's analysis onto the frame: zones coloured by alert level (green normal, amber warning, red critical;
/// masks grey, lines blue), tracked people as boxes with their track id, untracked detections as thin grey boxes, and the
/// people count. Zone outlines are converted to pixels once per instance (one instance per video size).
/// </summary>
public sealed class OverlayRenderer
{
    private static readonly Scalar Normal = new(80, 200, 60);
    private static readonly Scalar Warning = new(0, 190, 255);
    private static readonly Scalar Critical = new(40, 40, 230);
    private static readonly Scalar Mask = new(150, 150, 150);
    private static readonly Scalar Line = new(255, 160, 30);
    private static readonly Scalar Person = new(255, 255, 0);
    private static readonly Scalar Untracked = new(170, 170, 170);
    private static readonly Scalar Text = new(255, 255, 255);

    private readonly (ZoneDefinition Zone, Point[] Pixels)[] _zones;

    public OverlayRenderer(ZoneSet zones, FrameSize frame)
    {
        ArgumentNullException.ThrowIfNull(zones);
        _zones = new (ZoneDefinition, Point[])[zones.Zones.Count];
        for (int i = 0; i < _zones.Length; i++)
        {
            ZoneDefinition zone = zones.Zones[i];
            Point2[] pixels = zone.ToPixels(frame);
            var points = new Point[pixels.Length];
            for (int p = 0; p < pixels.Length; p++)
            {
                points[p] = new Point((int)MathF.Round(pixels[p].X), (int)MathF.Round(pixels[p].Y));
            }

            _zones[i] = (zone, points);
        }
    }

    /// <summary>The colour of an alert level (BGR).</summary>
    public static Scalar LevelColour(AlertLevel level) => level switch
    {
        AlertLevel.Critical => Critical,
        AlertLevel.Warning => Warning,
        _ => Normal,
    };

    /// <summary>Draws <paramref name="result"/> onto <paramref name="image"/> in place.</summary>
    public void Draw(Mat image, CrowdFrameResult result)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(result);
        DrawZones(image, result.Zones);

        foreach (Detection d in result.Detections)
        {
            if (d.Confidence < result.MinCountedConfidence)
            {
                continue; // a weak box counts only as a tracked person's, drawn below
            }

            Cv2.Rectangle(image, ToRect(d), Untracked, 1);
        }

        foreach (TrackedPerson person in result.Tracks)
        {
            Rect box = ToRect(person.Detection);
            Cv2.Rectangle(image, box, Person, 2);
            Cv2.PutText(image, person.TrackId.ToString(CultureInfo.InvariantCulture), new Point(box.X, Math.Max(12, box.Y - 4)),
                HersheyFonts.HersheySimplex, 0.45, Person, 1, LineTypes.AntiAlias);
        }

        string people = result.HiddenPeople > 0
            ? string.Create(CultureInfo.InvariantCulture, $"people: {result.People} ({result.HiddenPeople} hidden)")
            : string.Create(CultureInfo.InvariantCulture, $"people: {result.People}");
        Cv2.PutText(image, people, new Point(10, 24), HersheyFonts.HersheySimplex, 0.7, new Scalar(0, 0, 0), 4, LineTypes.AntiAlias);
        Cv2.PutText(image, people, new Point(10, 24), HersheyFonts.HersheySimplex, 0.7, Text, 2, LineTypes.AntiAlias);
    }

    private void DrawZones(Mat image, IReadOnlyList<ZoneStatus> statuses)
    {
        foreach ((ZoneDefinition zone, Point[] points) in _zones)
        {
            ZoneStatus? status = FindStatus(statuses, zone.ZoneId);
            Scalar colour = zone.Kind switch
            {
                ZoneKind.Mask => Mask,
                ZoneKind.Line => Line,
                _ => LevelColour(status?.Level ?? AlertLevel.Normal),
            };
            Cv2.Polylines(image, [points], zone.Kind != ZoneKind.Line, colour, 2, LineTypes.AntiAlias);

            string label = zone.Kind switch
            {
                ZoneKind.Polygon when status is ZoneStatus s => string.Create(CultureInfo.InvariantCulture, $"{zone.Label}: {s.Current}"),
                ZoneKind.Line when status is ZoneStatus s => string.Create(CultureInfo.InvariantCulture, $"{zone.Label}: in {s.TotalEntries} out {s.TotalExits}"),
                _ => zone.Label,
            };
            Point anchor = points.Length > 0 ? points[0] : new Point(0, 0);
            Cv2.PutText(image, label, new Point(anchor.X + 4, Math.Max(14, anchor.Y - 6)), HersheyFonts.HersheySimplex, 0.5, colour, 1, LineTypes.AntiAlias);
        }
    }

    private static ZoneStatus? FindStatus(IReadOnlyList<ZoneStatus> statuses, string zoneId)
    {
        for (int i = 0; i < statuses.Count; i++)
        {
            if (statuses[i].ZoneId == zoneId)
            {
                return statuses[i];
            }
        }

        return null;
    }

    private static Rect ToRect(in Detection d) =>
        new((int)MathF.Round(d.X1), (int)MathF.Round(d.Y1), Math.Max(1, (int)MathF.Round(d.Width)), Math.Max(1, (int)MathF.Round(d.Height)));
}
