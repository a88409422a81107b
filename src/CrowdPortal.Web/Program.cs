using CrowdPortal.Data;
using CrowdPortal.Web.Cluster;
using CrowdPortal.Web.Infrastructure;
using CrowdPortal.Web.Security;

var builder = WebApplication.CreateBuilder(args);
if (ClusterNode.ConfigurationProblem(builder.Configuration) is { } problem)
{
    Console.Error.WriteLine(problem);
    return 1;
}

var node = ClusterNode.FromConfiguration(builder.Configuration);
builder.Services.AddCrowdPortalData(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddCrowdPortalCluster(node, builder.Configuration, builder.Environment);
builder.Services.AddCrowdPortalSecurity(builder.Configuration);
builder.Services.AddCrowdPortalWeb(builder.Configuration, builder.Environment);

var app = builder.Build();

await app.MigrateDatabaseAsync(services => services.MigrateCrowdPortalDatabaseAsync());
await Administrators.EnsureAdministratorAsync(app.Services);

app.UseCrowdPortalPipeline();
app.MapCrowdPortalEndpoints();

await app.RunAsync();
return 0;

/// <summary>Entry point, public so integration tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
