namespace CrowdPortal.Core.Zones;

/// <summary>
/// One problem with a zone, meant for the user: which zone (its id, or "#n" by position when it has none), which
/// field (the JSON name, e.g. "points[3]"), and what is wrong.
/// </summary>
public sealed record ZoneError(string Zone, string Field, string Message)
{
    /// <summary>The 0-based position of the zone in the list it came in, when known (null: the whole document).</summary>
    public int? Index { get; init; }

    /// <summary>e.g. <c>Zone 'entrance', points: a polygon needs at least 3 points (got 2).</c></summary>
    public override string ToString() => $"Zone '{Zone}', {Field}: {Message}";
}
