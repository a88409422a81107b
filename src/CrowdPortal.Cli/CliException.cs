namespace CrowdPortal.Cli;

/// <summary>A runtime failure with a message meant for the user (missing file, bad zones file): exit code 1.</summary>
internal sealed class CliException : Exception
{
    public CliException(string message)
        : base(message)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
