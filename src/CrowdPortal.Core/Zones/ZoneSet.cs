namespace CrowdPortal.Core.Zones;

/// <summary>
/// The validated zones of one video (or camera). Only constructible from zones that pass
/// <see cref="ZoneValidator"/>, so holders never re-check. Read from JSON with <see cref="ZoneSetJson.Parse(string)"/>.
/// </summary>
public sealed class ZoneSet
{
    private ZoneSet(IReadOnlyList<ZoneDefinition> zones)
    {
        Zones = zones;
    }

    /// <summary>A set with no zones (frame-level counting only).</summary>
    public static ZoneSet Empty { get; } = new([]);

    /// <summary>All zones in the order given.</summary>
    public IReadOnlyList<ZoneDefinition> Zones { get; }

    /// <summary>Validates and wraps the zones, or returns false with every error.</summary>
    public static bool TryCreate(IReadOnlyList<ZoneDefinition> zones, out ZoneSet set, out IReadOnlyList<ZoneError> errors)
    {
        ArgumentNullException.ThrowIfNull(zones);
        errors = ZoneValidator.Validate(zones);
        if (errors.Count > 0)
        {
            set = Empty;
            return false;
        }

        set = new ZoneSet(zones.ToArray());
        return true;
    }

    /// <summary>Validates and wraps the zones; throws <see cref="ZoneValidationException"/> listing every error.</summary>
    public static ZoneSet Create(IReadOnlyList<ZoneDefinition> zones) =>
        TryCreate(zones, out ZoneSet set, out IReadOnlyList<ZoneError> errors) ? set : throw new ZoneValidationException(errors);

    /// <summary>The zones of one kind, in order (a new list).</summary>
    public IReadOnlyList<ZoneDefinition> OfKind(ZoneKind kind) => Zones.Where(z => z.Kind == kind).ToArray();
}
