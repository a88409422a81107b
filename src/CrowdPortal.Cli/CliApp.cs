using CrowdPortal.Cli.Commands;
using CrowdPortal.Vision.Sources;

namespace CrowdPortal.Cli;

/// <summary>
/// The <c>crowdportal</c> command line: dispatches to a command and turns every failure into exactly one line on stderr
/// (<c>crowdportal: ...</c>) and an exit code — 2 for a wrong command line, 1 for a runtime failure — never a stack trace.
/// </summary>
internal static class CliApp
{
    public const int Success = 0;
    public const int RuntimeError = 1;
    public const int UsageError = 2;

    private static readonly string HelpText = string.Join(
        '\n',
        "usage: crowdportal <command> [options]",
        "",
        "commands:",
        "  " + AnalyzeCommand.Usage,
        "  " + EvalCommand.Usage,
        "  " + BenchCommand.Usage,
        "  " + ImportModelCommand.Usage,
        "  " + ModelsCommand.Usage,
        "",
        "--model takes a catalog name from the models folder (see 'crowdportal models'), 'hog', or a path to an .onnx file.",
        $"The models folder is --models-dir, else ${ModelResolver.ModelsDirVariable}, else models/ here or at the checkout root.");

    /// <summary>Runs one command; returns the process exit code.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<string> args, CliConsole console, CancellationToken cancellationToken = default)
    {
        try
        {
            if (args.Count == 0)
            {
                throw new UsageException("missing command (analyze, eval, bench, import-model, models; see 'crowdportal --help')");
            }

            var logger = new StderrLogger(console.Error);
            string[] rest = args.Skip(1).ToArray();
            return args[0] switch
            {
                "analyze" => await AnalyzeCommand.RunAsync(rest, console, logger, cancellationToken),
                "eval" => await EvalCommand.RunAsync(rest, console, logger, cancellationToken),
                "bench" => await BenchCommand.RunAsync(rest, console, logger, cancellationToken),
                "import-model" => ImportModelCommand.Run(rest, console),
                "models" => ModelsCommand.Run(rest, console, logger),
                "--help" or "-h" or "help" => Help(console),
                _ => throw new UsageException($"unknown command '{args[0]}' (see 'crowdportal --help')"),
            };
        }
        catch (UsageException ex)
        {
            return Fail(console, ex.Message, UsageError);
        }
        catch (CliException ex)
        {
            return Fail(console, ex.Message, RuntimeError);
        }
        catch (VideoSourceException ex)
        {
            return Fail(console, ex.Message, RuntimeError);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return Fail(console, "cancelled", RuntimeError);
        }
        catch (Exception ex)
        {
            // Last resort: still one line, with the type so a bug report says what broke.
            return Fail(console, $"unexpected error ({ex.GetType().Name}): {ex.Message}", RuntimeError);
        }
    }

    private static int Help(CliConsole console)
    {
        console.Out.WriteLine(HelpText);
        return Success;
    }

    private static int Fail(CliConsole console, string message, int exitCode)
    {
        console.Error.WriteLine("crowdportal: " + ModelResolver.OneLine(message));
        return exitCode;
    }
}
