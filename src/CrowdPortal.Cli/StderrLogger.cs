using Microsoft.Extensions.Logging;

namespace CrowdPortal.Cli;

/// <summary>
/// Hands library warnings (e.g. "no model found, falling back to HOG") to the user as one line each on stderr;
/// information and debug messages are dropped so the output stays scriptable.
/// </summary>
internal sealed class StderrLogger(TextWriter error) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning && logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        string message = formatter(state, exception).ReplaceLineEndings(" ");
        error.WriteLine($"crowdportal: {(logLevel == LogLevel.Warning ? "warning" : "error")}: {message}");
    }
}
