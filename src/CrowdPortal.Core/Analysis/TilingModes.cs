namespace CrowdPortal.Core.Analysis;

/// <summary>The names of <see cref="TilingMode"/> as the API, the pages and the CLI write them: off, auto, on.</summary>
public static class TilingModes
{
    public static readonly IReadOnlyList<string> Names = ["off", "auto", "on"];

    public static string Name(TilingMode mode) => mode switch
    {
        TilingMode.Auto => "auto",
        TilingMode.On => "on",
        _ => "off",
    };

    /// <summary>Parses off/auto/on (case-insensitive, surrounding spaces allowed); false for anything else, null included.</summary>
    public static bool TryParse(string? text, out TilingMode mode)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case "off":
                mode = TilingMode.Off;
                return true;
            case "auto":
                mode = TilingMode.Auto;
                return true;
            case "on":
                mode = TilingMode.On;
                return true;
            default:
                mode = TilingMode.Off;
                return false;
        }
    }
}
