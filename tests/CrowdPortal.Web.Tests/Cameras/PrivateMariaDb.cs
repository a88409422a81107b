using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MySqlConnector;

namespace CrowdPortal.Web.Tests.Cameras;

/// <summary>
/// A MariaDB server of this test alone (own data folder, free loopback port), so the test can stop and start it
/// without disturbing the shared test server other tests use. Started as the <c>mysql</c> user, as the test script does.
/// </summary>
internal sealed class PrivateMariaDb : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("crowdportal-mariadb-").FullName;
    private Process? _server;

    private PrivateMariaDb()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
    }

    public int Port { get; }

    private string Socket => Path.Combine(_dir, "mariadb.sock");

    /// <summary>The application's connection string (database <c>crowdportal</c>, created here).</summary>
    public string ConnectionString =>
        $"Server=127.0.0.1;Port={Port};Database=crowdportal;User ID=portal;Password=portal;SslMode=None;AllowPublicKeyRetrieval=true;Connect Timeout=3";

    public static async Task<PrivateMariaDb> StartNewAsync()
    {
        var db = new PrivateMariaDb();
        try
        {
            Directory.CreateDirectory(Path.Combine(db._dir, "data"));
            await RunAsync("chown", "-R", "mysql:mysql", db._dir);
            await RunAsync("mariadb-install-db", "--user=mysql", "--datadir=" + Path.Combine(db._dir, "data"), "--auth-root-authentication-method=normal");
            await db.StartAsync();
            await RunAsync("mariadb", "-uroot", "--socket=" + db.Socket, "-e",
                "CREATE USER 'portal'@'127.0.0.1' IDENTIFIED BY 'portal'; GRANT ALL PRIVILEGES ON crowdportal.* TO 'portal'@'127.0.0.1'; CREATE DATABASE crowdportal;");
            return db;
        }
        catch
        {
            db.Dispose(); // never leave a server behind when the set-up fails
            throw;
        }
    }

    /// <summary>Starts the server and waits until it answers.</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("mariadbd") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in (string[])[
            "--user=mysql", "--datadir=" + Path.Combine(_dir, "data"), "--socket=" + Socket, "--port=" + Port, "--bind-address=127.0.0.1",
            "--skip-name-resolve", "--log-error=" + Path.Combine(_dir, "error.log"), "--pid-file=" + Path.Combine(_dir, "mariadb.pid"),
            "--innodb-flush-log-at-trx-commit=2", "--skip-log-bin"])
        {
            start.ArgumentList.Add(arg);
        }

        _server = Process.Start(start) ?? throw new InvalidOperationException("mariadbd did not start");
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                await RunAsync("mariadb", "-uroot", "--socket=" + Socket, "-e", "SELECT 1");
                return;
            }
            catch (InvalidOperationException)
            {
                await Task.Delay(200); // not answering yet
            }
        }

        throw new TimeoutException("The private MariaDB did not start: " + await File.ReadAllTextAsync(Path.Combine(_dir, "error.log")));
    }

    /// <summary>Stops the server (clean shutdown, like a service stop) and waits until it is gone.</summary>
    public async Task StopAsync()
    {
        if (_server is null)
        {
            return;
        }

        await RunAsync("kill", "-TERM", _server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await _server.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        _server.Dispose();
        _server = null;
    }

    public void Dispose()
    {
        try
        {
            if (_server is { HasExited: false })
            {
                _server.Kill();
                _server.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        MySqlConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private static async Task RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException(file + " did not start");
        string error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} failed ({process.ExitCode}): {error}");
        }
    }
}
