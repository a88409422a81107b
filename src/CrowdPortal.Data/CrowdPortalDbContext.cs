using System.Text;
using CrowdPortal.Data.Entities;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CrowdPortal.Data;

/// <summary>
/// Identity's tables plus CrowdPortal's own. Each provider has its own migration set; after a model change run both:
/// <code>
/// dotnet dotnet-ef migrations add NAME --project src/CrowdPortal.Migrations.Sqlite
/// dotnet dotnet-ef migrations add NAME --project src/CrowdPortal.Migrations.MySql
/// </code>
/// (each migrations project has a design-time factory, so no running app or database is needed).
/// </summary>
public class CrowdPortalDbContext(DbContextOptions<CrowdPortalDbContext> options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<Video> Videos => Set<Video>();

    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();

    public DbSet<VideoZone> VideoZones => Set<VideoZone>();

    public DbSet<ZoneCount> ZoneCounts => Set<ZoneCount>();

    /// <summary>Each zone's running total of people in and out, kept with <see cref="ZoneCounts"/>.</summary>
    public DbSet<ZoneTotal> ZoneTotals => Set<ZoneTotal>();

    public DbSet<AlertRecord> Alerts => Set<AlertRecord>();

    public DbSet<NotificationChannel> NotificationChannels => Set<NotificationChannel>();

    /// <summary>The outbox: events written with the state they report, waiting to be fanned out to channels.</summary>
    public DbSet<NotificationEvent> NotificationOutbox => Set<NotificationEvent>();

    public DbSet<NotificationDelivery> NotificationDeliveries => Set<NotificationDelivery>();

    /// <summary>The administrator's SMTP server (at most one row), overriding <c>Smtp:*</c>.</summary>
    public DbSet<MailServer> MailServers => Set<MailServer>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(CrowdPortalDbContext).Assembly);
        UseSnakeCaseColumns(builder);
    }

    /// <summary>
    /// Our own tables use the seed's snake_case column names (<c>user_id</c>, <c>size_bytes</c>); Identity's keep theirs.
    /// </summary>
    private static void UseSnakeCaseColumns(ModelBuilder builder)
    {
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            if (entity.ClrType.Namespace != typeof(Video).Namespace || entity.ClrType == typeof(AppUser))
            {
                continue;
            }

            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(ToSnakeCase(property.Name));
            }
        }
    }

    internal static string ToSnakeCase(string name)
    {
        var sb = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c) && i > 0)
            {
                sb.Append('_');
            }

            sb.Append(char.ToLowerInvariant(c));
        }

        return sb.ToString();
    }
}
