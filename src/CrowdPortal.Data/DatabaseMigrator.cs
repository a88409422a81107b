using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdPortal.Data;

public static class DatabaseMigrator
{
    /// <summary>Applies pending migrations of the configured provider. Called once at start-up.</summary>
    public static async Task MigrateCrowdPortalDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
    }
}
