using CrowdPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CrowdPortal.Migrations.MySql;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context for this provider without a running app or server.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<CrowdPortalDbContext>
{
    public CrowdPortalDbContext CreateDbContext(string[] args)
    {
        var o = new DbContextOptionsBuilder<CrowdPortalDbContext>();
        o.UseMySql("Server=localhost;Database=design", ServerVersion.Parse("8.0.36-mysql"), m => m.MigrationsAssembly(DataServiceCollectionExtensions.MySqlMigrationsAssembly));
        return new CrowdPortalDbContext(o.Options);
    }
}
