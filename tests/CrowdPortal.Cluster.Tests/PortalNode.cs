using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CrowdPortal.Tests.Shared;

namespace CrowdPortal.Cluster.Tests;

/// <summary>
/// One node of the portal as its own process (the binary `dotnet run` builds) on a free loopback port, with the
/// settings it is given: a web node, a worker, or anything a test wants to try. Its output is kept for assertions.
/// </summary>
public sealed class PortalNode : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private bool _disposed;

    private PortalNode(string name, string baseUrl, Process process)
    {
        Name = name;
        BaseUrl = baseUrl;
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public string Name { get; }

    public string BaseUrl { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts the app with <paramref name="settings"/> (as environment variables) without waiting for it.</summary>
    public static PortalNode Start(string name, IReadOnlyDictionary<string, string> settings)
    {
        int port = FreePort();
        string baseUrl = $"http://127.0.0.1:{port}";
        string webDir = Path.Combine(RepoPaths.Root, "src", "CrowdPortal.Web");
        string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        string dll = Path.Combine(webDir, "bin", configuration, "net10.0", "CrowdPortal.Web.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", baseUrl, "--contentRoot", webDir },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Cluster__NodeName"] = name;
        // The test cameras are loopback streams, which the portal refuses unless told otherwise (SSRF).
        start.Environment["Cameras__AllowLoopback"] = "true";
        // The test MQTT broker (mosquitto) is on loopback too: private networks must be allowed for notification channels.
        start.Environment["Notifications__AllowPrivateNetworks"] = "true";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return new PortalNode(name, baseUrl, Process.Start(start) ?? throw new InvalidOperationException("Could not start a portal node."));
    }

    /// <summary>Waits until <c>/healthz/ready</c> answers 200 (database and Redis reachable, migrations done).</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Node {Name} exited at start-up:\n{Log}");
            }

            try
            {
                if ((await http.GetAsync(BaseUrl + "/healthz/ready")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Node {Name} was not ready within {timeout}:\n{Log}");
    }

    /// <summary>Waits until the node's log has a line containing <paramref name="text"/>.</summary>
    public async Task WaitForLogAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Log.Contains(text, StringComparison.Ordinal))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Node {Name} did not log '{text}' within {timeout}:\n{Log}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL: the process dies at once, with no chance to clean up, as in a crash or a pulled plug.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            _process.WaitForExit(); // flushes the redirected output
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            Kill();
            _process.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
