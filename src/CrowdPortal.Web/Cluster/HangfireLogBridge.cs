using Hangfire.AspNetCore;
using Hangfire.Logging;

namespace CrowdPortal.Web.Cluster;

/// <summary>
/// Hangfire keeps its loggers in static fields, created once per process from whatever log provider was set first.
/// This bridge is that provider for every host of the process: each log call goes to the newest host's logging, and a
/// call that finds it disposed (a test host that has already stopped) is dropped instead of failing the job.
/// In production there is one host, so every Hangfire line lands in the portal's log as usual.
/// </summary>
internal sealed class HangfireLogBridge : ILogProvider
{
    public static HangfireLogBridge Instance { get; } = new();

    private volatile AspNetCoreLogProvider? _current;

    private HangfireLogBridge()
    {
    }

    /// <summary>Sends Hangfire's logs to this host's logging from now on.</summary>
    public void Attach(ILoggerFactory loggers) => _current = new AspNetCoreLogProvider(loggers);

    public ILog GetLogger(string name) => new Logger(this, name);

    private sealed class Logger(HangfireLogBridge bridge, string name) : ILog
    {
        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null)
        {
            var provider = bridge._current;
            if (provider is null)
            {
                return false;
            }

            try
            {
                return provider.GetLogger(name).Log(logLevel, messageFunc, exception);
            }
            catch (ObjectDisposedException)
            {
                return false;
            }
        }
    }
}
