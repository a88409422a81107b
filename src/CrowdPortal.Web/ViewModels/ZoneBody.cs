using System.Globalization;
using CrowdPortal.Core.Geometry;
using CrowdPortal.Core.Zones;

namespace CrowdPortal.Web.ViewModels;

/// <summary>
/// A zones request body (an array of <see cref="ZoneDto"/>) checked in full: the shape errors the JSON types cannot
/// express (a point that is not a pair, a missing zone), then every rule of <see cref="ZoneValidator"/>. Each problem
/// comes back keyed by where it is in the body (<c>$[0].points[3]</c>, <c>$</c> for the whole array) with a sentence
/// naming the zone, the shape of ASP.NET Core's own binding errors, so one <c>ValidationProblemDetails</c> holds both.
/// </summary>
public static class ZoneBody
{
    public static bool TryRead(IReadOnlyList<ZoneDto> body, out ZoneSet zones, out IReadOnlyDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(body);
        var problems = new List<ZoneError>();
        var definitions = new List<ZoneDefinition>(body.Count);
        for (int i = 0; i < body.Count; i++)
        {
            if (ToDefinition(body[i], i, problems) is { } zone)
            {
                definitions.Add(zone);
            }
        }

        zones = ZoneSet.Empty;
        if (problems.Count == 0)
        {
            if (ZoneSet.TryCreate(definitions, out ZoneSet valid, out IReadOnlyList<ZoneError> invalid))
            {
                zones = valid;
            }
            else
            {
                problems.AddRange(invalid);
            }
        }

        errors = problems
            .GroupBy(Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(Sentence).ToArray(), StringComparer.Ordinal);
        return problems.Count == 0;
    }

    /// <summary>Where in the body a problem is, as a JSON path: <c>$</c>, <c>$[0]</c>, <c>$[0].points[3]</c>.</summary>
    private static string Key(ZoneError error)
    {
        if (error.Index is not int index)
        {
            return "$";
        }

        string zone = "$[" + index.ToString(CultureInfo.InvariantCulture) + "]";
        return error.Field == "(zone)" ? zone : zone + "." + error.Field;
    }

    /// <summary>The sentence a user reads: <c>Zone 'entrance', points: a polygon needs at least 3 points (got 2).</c></summary>
    private static string Sentence(ZoneError error) => error.Index is null ? "The zones: " + error.Message : error.ToString();

    private static ZoneDefinition? ToDefinition(ZoneDto? dto, int index, List<ZoneError> problems)
    {
        string position = "#" + (index + 1).ToString(CultureInfo.InvariantCulture);
        if (dto is null)
        {
            problems.Add(new ZoneError(position, "(zone)", "each zone must be a JSON object.") { Index = index });
            return null;
        }

        string name = string.IsNullOrWhiteSpace(dto.ZoneId) ? position : dto.ZoneId;
        int before = problems.Count;
        if (dto.Threshold is not null)
        {
            // An early format had one "threshold"; dropping it silently would leave the user without alerts.
            problems.Add(new ZoneError(name, "threshold", "is not supported: give \"warning\" and/or \"critical\" instead.") { Index = index });
        }

        if (dto.Points is null)
        {
            problems.Add(new ZoneError(name, "points", "is required: an array of [x, y] pairs, each between 0 and 1.") { Index = index });
        }
        else if (dto.Points.Count > ZoneValidator.MaxPoints)
        {
            problems.Add(new ZoneError(name, "points", $"at most {ZoneValidator.MaxPoints} points are allowed (got {dto.Points.Count}).") { Index = index });
        }
        else
        {
            for (int p = 0; p < dto.Points.Count; p++)
            {
                if (dto.Points[p] is not { Length: 2 })
                {
                    string field = "points[" + p.ToString(CultureInfo.InvariantCulture) + "]";
                    problems.Add(new ZoneError(name, field, "must be a pair of numbers [x, y].") { Index = index });
                }
            }
        }

        if (problems.Count > before)
        {
            return null;
        }

        return new ZoneDefinition
        {
            ZoneId = dto.ZoneId ?? string.Empty,
            Label = dto.Label ?? string.Empty,
            Kind = dto.Kind ?? ZoneKind.Polygon,
            Points = dto.Points!.Select(p => new Point2((float)p[0], (float)p[1])).ToArray(),
            Anchor = dto.Anchor ?? AnchorPoint.BottomCenter,
            InertiaFrames = dto.Inertia ?? ZoneDefinition.DefaultInertiaFrames,
            Warning = dto.Warning,
            Critical = dto.Critical,
            AreaM2 = dto.AreaM2,
            Colour = dto.Colour,
        };
    }
}
