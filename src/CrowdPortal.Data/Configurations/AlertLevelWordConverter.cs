using CrowdPortal.Core.Alerts;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CrowdPortal.Data.Configurations;

/// <summary>
/// Stores an <see cref="AlertLevel"/> as the same lower-case word its columns held before it was an enum
/// (<see cref="AlertLevelNames"/>), so existing rows read back and the model needs no migration. EF applies it to
/// nullable level columns too (a null stays null).
/// </summary>
internal sealed class AlertLevelWordConverter() : ValueConverter<AlertLevel, string>(l => l.Name(), s => AlertLevelNames.Parse(s))
{
    public static readonly AlertLevelWordConverter Instance = new();
}
