using System.Globalization;
using CrowdPortal.Core.Geometry;

namespace CrowdPortal.Core.Zones;

/// <summary>
/// Checks zone definitions and explains every problem in words a user can act on. Rules: id 1..64 of letters,
/// digits, '-', '_'; label 1..64 characters; polygon and mask need 3..100 points that enclose an area without the
/// outline crossing itself; a line needs exactly 2 distinct points; every coordinate finite and within [0,1];
/// thresholds non-negative with warning ≤ critical; area &gt; 0 when given; inertia 1..1000 frames; at most 50 zones
/// with unique ids.
/// </summary>
public static class ZoneValidator
{
    public const int MaxZones = 50;
    public const int MaxPoints = 100;
    public const int MaxLabelLength = 64;
    public const int MaxZoneIdLength = 64;
    public const int MaxInertiaFrames = 1000;

    /// <summary>Every problem with one zone; empty when it is valid.</summary>
    public static IReadOnlyList<ZoneError> Validate(ZoneDefinition zone)
    {
        var errors = new List<ZoneError>();
        Validate(zone, DisplayName(zone, 0), errors);
        return errors;
    }

    /// <summary>Every problem with a set of zones (each zone, plus duplicate ids); empty when all are valid.</summary>
    public static IReadOnlyList<ZoneError> Validate(IReadOnlyList<ZoneDefinition> zones)
    {
        var errors = new List<ZoneError>();
        if (zones.Count > MaxZones)
        {
            errors.Add(new ZoneError("(document)", "json", $"at most {MaxZones} zones are allowed (got {zones.Count})."));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < zones.Count; i++)
        {
            ZoneDefinition zone = zones[i];
            string name = DisplayName(zone, i);
            int before = errors.Count;
            Validate(zone, name, errors);
            if (!string.IsNullOrEmpty(zone.ZoneId) && !seen.Add(zone.ZoneId))
            {
                errors.Add(new ZoneError(name, "zoneId", "another zone already uses this id; ids must be unique."));
            }

            for (int k = before; k < errors.Count; k++)
            {
                errors[k] = errors[k] with { Index = i };
            }
        }

        return errors;
    }

    internal static string DisplayName(ZoneDefinition zone, int index) =>
        string.IsNullOrWhiteSpace(zone.ZoneId) ? "#" + (index + 1).ToString(CultureInfo.InvariantCulture) : zone.ZoneId;

    private static void Validate(ZoneDefinition zone, string name, List<ZoneError> errors)
    {
        ValidateId(zone.ZoneId, name, errors);
        ValidateLabel(zone.Label, name, errors);

        if (!Enum.IsDefined(zone.Kind))
        {
            errors.Add(new ZoneError(name, "kind", "must be \"polygon\", \"line\" or \"mask\"."));
            return;
        }

        if (!Enum.IsDefined(zone.Anchor))
        {
            errors.Add(new ZoneError(name, "anchor", "must be \"bottom-center\", \"center\" or \"top-center\"."));
        }

        if (zone.InertiaFrames < 1 || zone.InertiaFrames > MaxInertiaFrames)
        {
            errors.Add(new ZoneError(name, "inertia", $"must be between 1 and {MaxInertiaFrames} frames (got {zone.InertiaFrames})."));
        }

        ValidatePoints(zone, name, errors);
        ValidateThresholds(zone, name, errors);

        if (zone.Colour is not null && !IsHexColour(zone.Colour))
        {
            errors.Add(new ZoneError(name, "colour", $"must look like \"#1e90ff\" (got \"{zone.Colour}\")."));
        }
    }

    private static void ValidateId(string? id, string name, List<ZoneError> errors)
    {
        if (string.IsNullOrEmpty(id))
        {
            errors.Add(new ZoneError(name, "zoneId", "is required."));
            return;
        }

        if (id.Length > MaxZoneIdLength)
        {
            errors.Add(new ZoneError(name, "zoneId", $"must be at most {MaxZoneIdLength} characters (got {id.Length})."));
        }

        if (string.Equals(id, Counting.CountSample.FrameZoneId, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new ZoneError(name, "zoneId", $"\"{id}\" is reserved for the whole-frame count; choose another id."));
            return;
        }

        foreach (char c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
            {
                errors.Add(new ZoneError(name, "zoneId", "may contain only letters, digits, '-' and '_'."));
                return;
            }
        }
    }

    private static void ValidateLabel(string? label, string name, List<ZoneError> errors)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            errors.Add(new ZoneError(name, "label", "is required."));
        }
        else if (label.Length > MaxLabelLength)
        {
            errors.Add(new ZoneError(name, "label", $"must be at most {MaxLabelLength} characters (got {label.Length})."));
        }
    }

    private static void ValidatePoints(ZoneDefinition zone, string name, List<ZoneError> errors)
    {
        IReadOnlyList<Point2>? points = zone.Points;
        if (points is null)
        {
            errors.Add(new ZoneError(name, "points", "is required."));
            return;
        }

        string kind = zone.Kind.ToString().ToLowerInvariant();
        if (zone.Kind == ZoneKind.Line && points.Count != 2)
        {
            errors.Add(new ZoneError(name, "points", $"a line needs exactly 2 points (got {points.Count})."));
            return;
        }

        if (zone.Kind != ZoneKind.Line && points.Count < 3)
        {
            errors.Add(new ZoneError(name, "points", $"a {kind} needs at least 3 points (got {points.Count})."));
            return;
        }

        if (points.Count > MaxPoints)
        {
            errors.Add(new ZoneError(name, "points", $"at most {MaxPoints} points are allowed (got {points.Count})."));
            return;
        }

        bool allInRange = true;
        for (int i = 0; i < points.Count; i++)
        {
            Point2 p = points[i];
            string field = "points[" + i.ToString(CultureInfo.InvariantCulture) + "]";
            if (!p.IsFinite)
            {
                errors.Add(new ZoneError(name, field, "coordinates must be finite numbers (got NaN or infinity)."));
                allInRange = false;
            }
            else if (p.X < 0 || p.X > 1 || p.Y < 0 || p.Y > 1)
            {
                errors.Add(new ZoneError(name, field, string.Create(
                    CultureInfo.InvariantCulture,
                    $"coordinates are fractions of the frame and must be within [0, 1] (got [{p.X}, {p.Y}]).")));
                allInRange = false;
            }
        }

        if (!allInRange)
        {
            return;
        }

        var ring = new Point2[points.Count];
        for (int i = 0; i < ring.Length; i++)
        {
            ring[i] = points[i];
        }

        if (zone.Kind == ZoneKind.Line)
        {
            if (ring[0] == ring[1])
            {
                errors.Add(new ZoneError(name, "points", "the line's two points must be different."));
            }

            return;
        }

        // Collinear first: such a ring also "crosses itself" (edges overlap), but that message would puzzle the user.
        if (AllOnOneLine(ring))
        {
            errors.Add(new ZoneError(name, "points", $"the {kind}'s points lie on one line and enclose no area."));
        }
        else if (PolygonMath.IsSelfIntersecting(ring))
        {
            errors.Add(new ZoneError(name, "points", $"the {kind}'s outline crosses itself; draw it without crossing edges."));
        }
    }

    private static bool AllOnOneLine(Point2[] ring)
    {
        Point2 origin = ring[0];
        for (int i = 1; i < ring.Length; i++)
        {
            for (int j = i + 1; j < ring.Length; j++)
            {
                if (Point2.Cross(ring[i] - origin, ring[j] - origin) != 0)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private static void ValidateThresholds(ZoneDefinition zone, string name, List<ZoneError> errors)
    {
        bool warningOk = CheckNonNegative(zone.Warning, "warning", name, errors);
        bool criticalOk = CheckNonNegative(zone.Critical, "critical", name, errors);
        if (warningOk && criticalOk && zone.Warning is double w && zone.Critical is double c && w > c)
        {
            errors.Add(new ZoneError(name, "warning", string.Create(
                CultureInfo.InvariantCulture, $"must not be above critical (warning {w}, critical {c}).")));
        }

        if (zone.AreaM2 is double area && (!double.IsFinite(area) || area <= 0))
        {
            errors.Add(new ZoneError(name, "areaM2", "must be a positive number of square metres when given."));
        }
    }

    private static bool CheckNonNegative(double? value, string field, string name, List<ZoneError> errors)
    {
        if (value is double v && (!double.IsFinite(v) || v < 0))
        {
            errors.Add(new ZoneError(name, field, "must be a finite number, zero or more."));
            return false;
        }

        return true;
    }

    private static bool IsHexColour(string colour)
    {
        if (colour.Length is not (4 or 7) || colour[0] != '#')
        {
            return false;
        }

        for (int i = 1; i < colour.Length; i++)
        {
            if (!char.IsAsciiHexDigit(colour[i]))
            {
                return false;
            }
        }

        return true;
    }
}
