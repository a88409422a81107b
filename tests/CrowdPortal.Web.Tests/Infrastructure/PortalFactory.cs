using CrowdPortal.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace CrowdPortal.Web.Tests.Infrastructure;

/// <summary>
/// The real app on a real database: a fresh SQLite file, or a fresh database on the MariaDB server the test command
/// starts (connection in CROWDPORTAL_TEST_MYSQL). Uploads go to a temporary folder. Dispose removes both.
/// </summary>
public sealed class PortalFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;
    private readonly TestDatabase _database;

    public PortalFactory(TestDatabaseKind kind, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        WorkDir = Directory.CreateTempSubdirectory("crowdportal-test-").FullName;
        UploadsRoot = Path.Combine(WorkDir, "uploads");
        _database = TestDatabase.Create(kind, WorkDir);
        _settings = new Dictionary<string, string?>(_database.Settings)
        {
            ["Storage:UploadsPath"] = UploadsRoot,
            ["RateLimiting:AuthPermitLimit"] = "1000",
            ["Security:StampValidationSeconds"] = "0",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string WorkDir { get; }

    public string UploadsRoot { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
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
