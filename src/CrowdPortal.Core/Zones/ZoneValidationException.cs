namespace CrowdPortal.Core.Zones;

/// <summary>Thrown by <see cref="ZoneSet.Create(IReadOnlyList{ZoneDefinition})"/> when zones are invalid; carries every error.</summary>
public sealed class ZoneValidationException : Exception
{
    public ZoneValidationException(IReadOnlyList<ZoneError> errors)
        : base(FormatMessage(errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<ZoneError> Errors { get; }

    private static string FormatMessage(IReadOnlyList<ZoneError> errors) =>
        "Invalid zones: " + string.Join(" ", errors);
}
