namespace CrowdPortal.Core.Zones;

/// <summary>
/// Outcome of <see cref="ZoneSetJson.Parse(string)"/>: the zone set when the JSON is well-formed and every zone valid,
/// otherwise <see cref="ZoneSet.Empty"/> and at least one error naming the zone and the field.
/// </summary>
public sealed record ZoneSetParseResult(ZoneSet ZoneSet, IReadOnlyList<ZoneError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
