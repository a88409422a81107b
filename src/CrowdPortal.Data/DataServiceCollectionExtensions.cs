using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdPortal.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>Migration assemblies, one per provider (EF's MigrationsAssembly).</summary>
    public const string SqliteMigrationsAssembly = "CrowdPortal.Migrations.Sqlite";
    public const string MySqlMigrationsAssembly = "CrowdPortal.Migrations.MySql";

    /// <summary>
    /// Registers <see cref="CrowdPortalDbContext"/> on the provider named by <c>Database:Provider</c>, with the
    /// connection string <c>ConnectionStrings:Sqlite</c> or <c>ConnectionStrings:MySql</c>, with every EF interceptor the
    /// application registers as <see cref="IInterceptor"/>.
    /// </summary>
    public static IServiceCollection AddCrowdPortalData(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var options = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton(options);
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                string sqlite = ResolveSqlite(configuration.GetConnectionString("Sqlite") ?? "Data Source=data/crowdportal.db", contentRoot);
                services.AddDbContext<CrowdPortalDbContext>((sp, o) => o.UseSqlite(sqlite, s => s.MigrationsAssembly(SqliteMigrationsAssembly))
                    .AddInterceptors(sp.GetServices<IInterceptor>()));
                break;
            case DatabaseProvider.MySql:
                string mysql = configuration.GetConnectionString("MySql")
                    ?? throw new InvalidOperationException("Database:Provider is MySql but ConnectionStrings:MySql is not set.");
                var version = string.IsNullOrWhiteSpace(options.MySqlServerVersion)
                    ? ServerVersion.AutoDetect(mysql)
                    : ServerVersion.Parse(options.MySqlServerVersion);
                services.AddDbContext<CrowdPortalDbContext>((sp, o) => o.UseMySql(mysql, version, m => m.MigrationsAssembly(MySqlMigrationsAssembly))
                    .AddInterceptors(sp.GetServices<IInterceptor>()));
                break;
            default:
                throw new InvalidOperationException($"Unknown Database:Provider '{options.Provider}'. Use Sqlite or MySql.");
        }

        return services;
    }

    /// <summary>
    /// Makes a relative SQLite file path absolute under the content root and creates its folder, so the embedded database
    /// works on first run with no setup.
    /// Concurrent writers need nothing more: EF Core creates the file in WAL mode, its transactions begin IMMEDIATE (the
    /// write lock up front, so no reader-turned-writer deadlock), and Microsoft.Data.Sqlite retries a busy database for the
    /// connection's <c>Default Timeout</c> (30 s) instead of failing ("database is locked"). ConcurrentWritersTests holds it.
    /// </summary>
    private static string ResolveSqlite(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.DataSource != ":memory:" && !string.IsNullOrEmpty(builder.DataSource))
        {
            string path = Path.GetFullPath(builder.DataSource, contentRoot);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            builder.DataSource = path;
        }

        return builder.ToString();
    }
}
