namespace CrowdPortal.Cli;

/// <summary>Where a command writes, and whether a person is watching (progress lines only then).</summary>
/// <param name="Out">Results (tables, figures).</param>
/// <param name="Error">Errors, warnings and progress.</param>
/// <param name="Interactive">True when stderr and stdout are a terminal, so a rewritten progress line makes sense.</param>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, bool Interactive)
{
    /// <summary>The process's own console; interactive unless either stream is redirected.</summary>
    public static CliConsole System => new(Console.Out, Console.Error, !Console.IsErrorRedirected && !Console.IsOutputRedirected);
}
