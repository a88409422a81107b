using CrowdPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CrowdPortal.Migrations.Sqlite;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context for this provider without a running app or server.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<CrowdPortalDbContext>
{
    public CrowdPortalDbContext CreateDbContext(string[] args)
    {
        var o = new DbContextOptionsBuilder<CrowdPortalDbContext>();
        o.UseSqlite("Data Source=design-time.db", s => s.MigrationsAssembly(DataServiceCollectionExtensions.SqliteMigrationsAssembly));
        return new CrowdPortalDbContext(o.Options);
    }
}
