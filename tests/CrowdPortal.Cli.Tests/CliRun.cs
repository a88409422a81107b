using CrowdPortal.Cli;

namespace CrowdPortal.Cli.Tests;

/// <summary>What one in-process run of the CLI printed and returned.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Runs <c>crowdportal args...</c> in this process through its entry class, with redirected (non-interactive) output.</summary>
    public static CliRun Invoke(params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        int code = CliApp.RunAsync(args, new CliConsole(output, error, Interactive: false)).GetAwaiter().GetResult();
        return new CliRun(code, output.ToString(), error.ToString());
    }
}
