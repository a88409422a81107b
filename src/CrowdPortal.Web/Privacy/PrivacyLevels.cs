using CrowdPortal.Data.Entities;

namespace CrowdPortal.Web.Privacy;

/// <summary>The names of the privacy levels in settings, the API and the pages: <c>off</c>, <c>blur</c>, <c>counts-only</c>.</summary>
public static class PrivacyLevels
{
    public const string Off = "off";
    public const string Blur = "blur";
    public const string CountsOnly = "counts-only";

    public static IReadOnlyList<string> Names { get; } = [Off, Blur, CountsOnly];

    public static string Name(PrivacyLevel level) => level switch
    {
        PrivacyLevel.Blur => Blur,
        PrivacyLevel.CountsOnly => CountsOnly,
        _ => Off,
    };

    public static bool TryParse(string? name, out PrivacyLevel level)
    {
        (bool known, level) = name?.Trim().ToLowerInvariant() switch
        {
            Off => (true, PrivacyLevel.Off),
            Blur => (true, PrivacyLevel.Blur),
            CountsOnly => (true, PrivacyLevel.CountsOnly),
            _ => (false, PrivacyLevel.Off),
        };
        return known;
    }

    /// <summary>What a level means, for the pages.</summary>
    public static string Describe(PrivacyLevel level) => level switch
    {
        PrivacyLevel.Blur => "People are pixelated in every picture",
        PrivacyLevel.CountsOnly => "Counts only: no picture of people is kept or shown",
        _ => "Pictures are shown as they are",
    };
}

/// <summary>The <c>Privacy</c> settings: the level new videos and cameras start with.</summary>
public sealed class PrivacySettings
{
    public const string SectionName = "Privacy";

    /// <summary><c>off</c>, <c>blur</c> or <c>counts-only</c>.</summary>
    public string DefaultLevel { get; set; } = PrivacyLevels.Off;

    /// <summary>How often a counts-only camera adds a frame to its clean plate (its rolling median of the scene).</summary>
    public double PlateSampleSeconds { get; set; } = 5;

    /// <summary>Whether new uploads delete their footage once analysed (each video can choose otherwise).</summary>
    public bool DeleteFootageAfterAnalysis { get; set; }

    public PrivacyLevel Default => PrivacyLevels.TryParse(DefaultLevel, out var level) ? level : PrivacyLevel.Off;
}
