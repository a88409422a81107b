using CrowdPortal.Data;
using CrowdPortal.Web.Infrastructure;
using CrowdPortal.Web.Security;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddCrowdPortalData(builder.Configuration, builder.Environment.ContentRootPath);
builder.Services.AddCrowdPortalSecurity(builder.Configuration);
builder.Services.AddCrowdPortalWeb(builder.Configuration, builder.Environment);

var app = builder.Build();

await app.Services.MigrateCrowdPortalDatabaseAsync();
await Administrators.EnsureAdministratorAsync(app.Services);

app.UseCrowdPortalPipeline();
app.MapCrowdPortalEndpoints();

app.Run();

/// <summary>Entry point, public so integration tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
