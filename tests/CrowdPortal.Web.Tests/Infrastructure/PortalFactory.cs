using CrowdPortal.Tests.Shared;
using CrowdPortal.Vision.Models;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.Logging;

namespace CrowdPortal.Web.Tests.Infrastructure;

/// <summary>
/// The real app on a real database: a fresh SQLite file, or a fresh database on the MariaDB server the test command
/// starts (connection in CROWDPORTAL_TEST_MYSQL). Uploads go to a temporary folder. Dispose removes both.
/// </summary>
public sealed class PortalFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly TestDatabase _database;
    private readonly bool _ownsWorkDir;

    /// <param name="kind">The database to run on.</param>
    /// <param name="overrides">Settings that differ from the test defaults.</param>
    /// <param name="workDir">
    /// An existing folder to reuse (its SQLite database and uploads), to start the app again on the same data as an
    /// earlier host; the caller deletes it. Null: a new temporary folder, deleted on dispose.
    /// </param>
    /// <summary>
    /// The checkout's models/, checked once per run: the portal under test runs the current import of NanoDet by
    /// default. An empty or stale models/ fails every test loudly instead of letting the app fall back to HOG.
    /// </summary>
    private static readonly Lazy<string> CheckedModels = new(() =>
    {
        string dir = Path.Combine(RepoPaths.Root, "models");
        return DefaultModels.DefaultDetectorProblem(dir) is { } problem
            ? throw new InvalidOperationException(problem + " Run scripts/setup.sh, which imports it.")
            : dir;
    });

    static PortalFactory()
    {
        // Each host would watch its appsettings files for changes, an inotify instance per file; with dozens of hosts
        // alive at once in this process (and other test processes beside it) the user's limit of 128 instances ran
        // out and a host failed to start with a 500 on its first request. Tests never edit those files: no watching.
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
    }

    public PortalFactory(TestDatabaseKind kind, IReadOnlyDictionary<string, string?>? overrides = null, string? workDir = null)
    {
        _ownsWorkDir = workDir is null;
        WorkDir = workDir ?? Directory.CreateTempSubdirectory("crowdportal-test-").FullName;
        UploadsRoot = Path.Combine(WorkDir, "uploads");
        _database = TestDatabase.Create(kind, WorkDir);
        _settings = new Dictionary<string, string?>(_database.Settings)
        {
            ["Storage:UploadsPath"] = UploadsRoot,
            ["Storage:KeysPath"] = Path.Combine(WorkDir, "keys"),
            ["RateLimiting:AuthPermitLimit"] = "1000",
            ["Analysis:ModelsPath"] = CheckedModels.Value,
            // The test streams are served on loopback; CameraAddressTests turn this off to see the refusals.
            ["Cameras:AllowLoopback"] = "true",
            // The test webhook receivers too; WebhookAddressTests turn this off to see the refusals.
            ["Notifications:AllowPrivateNetworks"] = "true",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string WorkDir { get; }

    /// <summary>The settings this host runs with (database connection, folders, overrides), e.g. for a second node beside it.</summary>
    public IReadOnlyDictionary<string, string?> Settings => _settings;

    public string UploadsRoot { get; }

    /// <summary>What the app logged (Information and above).</summary>
    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.UseContentRoot(Path.Combine(RepoPaths.Root, "src", "CrowdPortal.Web"));
        // UseSetting, not ConfigureAppConfiguration: settings given this way are in place before Program reads them.
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A client that keeps cookies and does not follow redirects, so tests can see them.</summary>
    public PortalClient CreatePortalClient()
    {
        var cookies = new CookieContainerHandler();
        return new PortalClient(CreateDefaultClient(cookies), cookies.Container);
    }

    /// <summary>Every file under the uploads root, relative to it.</summary>
    public IReadOnlyList<string> StoredFiles() =>
        Directory.Exists(UploadsRoot)
            ? Directory.GetFiles(UploadsRoot, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(UploadsRoot, f)).ToList()
            : [];

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            _database.Dispose();
            if (!_ownsWorkDir)
            {
                return;
            }

            try
            {
                Directory.Delete(WorkDir, recursive: true);
            }
            catch (IOException)
            {
                // A file still open by a finishing request; the OS temp cleaner takes it.
            }
        }
    }
}
