namespace CrowdPortal.Web.Tests.Infrastructure;

/// <summary>One app host on SQLite, shared by the tests of a class (each test uses its own users).</summary>
public sealed class SqlitePortal() : PortalFixture(TestDatabaseKind.Sqlite);

/// <summary>One app host on the test MariaDB server, shared by the tests of a class.</summary>
public sealed class MariaDbPortal() : PortalFixture(TestDatabaseKind.MariaDb);

public abstract class PortalFixture(TestDatabaseKind kind) : IDisposable
{
    public PortalFactory Factory { get; } = new(kind);

    public void Dispose()
    {
        Factory.Dispose();
        GC.SuppressFinalize(this);
    }
}
