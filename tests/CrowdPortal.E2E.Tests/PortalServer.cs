using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CrowdPortal.Tests.Shared;
using CrowdPortal.Vision.Models;

namespace CrowdPortal.E2E.Tests;

/// <summary>
/// The real portal as its own process (the same binary `dotnet run` builds), on a free loopback port, with a fresh
/// SQLite database and uploads folder. The browser talks to it over real HTTP.
/// </summary>
public sealed class PortalServer : IAsyncLifetime
{
    private readonly string _workDir = Directory.CreateTempSubdirectory("crowdportal-e2e-").FullName;
    private Process? _process;
    private readonly System.Text.StringBuilder _log = new();

    public string BaseUrl { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        int port = FreePort();
        BaseUrl = $"http://127.0.0.1:{port}";
        string webDir = Path.Combine(RepoPaths.Root, "src", "CrowdPortal.Web");
        string configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
        string dll = Path.Combine(webDir, "bin", configuration, "net10.0", "CrowdPortal.Web.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "--urls", BaseUrl, "--contentRoot", webDir },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__Sqlite"] = $"Data Source={Path.Combine(_workDir, "portal.db")}";
        start.Environment["Storage__UploadsPath"] = Path.Combine(_workDir, "uploads");
        start.Environment["Storage__KeysPath"] = Path.Combine(_workDir, "keys");
        string models = Path.Combine(RepoPaths.Root, "models");
        if (DefaultModels.DefaultDetectorProblem(models) is { } problem)
        {
            // The journeys would still pass on HOG or a stale import; they must run what users get.
            throw new InvalidOperationException(problem + " Run scripts/setup.sh, which imports it.");
        }

        start.Environment["Analysis__ModelsPath"] = models;
        start.Environment["RateLimiting__AuthPermitLimit"] = "1000";
        start.Environment["Cameras__AllowLoopback"] = "true";
        start.Environment["Notifications__AllowPrivateNetworks"] = "true"; // webhooks to a receiver in the test process
        _process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the portal.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException("The portal exited at start-up:\n" + Log);
            }

            try
            {
                if ((await http.GetAsync(BaseUrl + "/Account/Login")).StatusCode == HttpStatusCode.OK)
                {
                    // Warm the registration page too (its database query and page), so the first journey's first step
                    // does not pay for all of the portal's cold start at once.
                    await http.GetAsync(BaseUrl + "/Account/Register");
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("The portal did not answer within 60 s:\n" + Log);
    }

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

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(_workDir, recursive: true);
        }
        catch (IOException)
        {
        }

        return Task.CompletedTask;
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

    /// <summary>Ports already given to a portal of this test run, so two fixtures starting side by side never share one.</summary>
    private static readonly HashSet<int> Given = [];

    /// <summary>
    /// A free loopback port: any (the OS picks), or on a shared machine the first free one of the range in
    /// CROWDPORTAL_TEST_PORTS (e.g. <c>5550-5599</c>).
    /// </summary>
    private static int FreePort()
    {
        string? range = Environment.GetEnvironmentVariable("CROWDPORTAL_TEST_PORTS");
        if (string.IsNullOrWhiteSpace(range))
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        string[] ends = range.Split('-');
        int first = int.Parse(ends[0], System.Globalization.CultureInfo.InvariantCulture);
        int last = int.Parse(ends[^1], System.Globalization.CultureInfo.InvariantCulture);
        lock (Given)
        {
            for (int port = first; port <= last; port++)
            {
                if (!Given.Contains(port) && IsFree(port))
                {
                    Given.Add(port);
                    return port;
                }
            }
        }

        throw new InvalidOperationException($"No free port in CROWDPORTAL_TEST_PORTS={range}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
