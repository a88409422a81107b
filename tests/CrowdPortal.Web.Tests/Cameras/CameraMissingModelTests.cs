using System.Net;
using CrowdPortal.Data;
using CrowdPortal.Tests.Shared;
using CrowdPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdPortal.Web.Tests.Cameras;

/// <summary>
/// A camera whose model has been removed from the server is not left failing in silence, nor counted with another
/// detector: it is disabled, and its owner reads why on the API and the Cameras page until starting it again.
/// </summary>
public sealed class CameraMissingModelTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task CameraOnARemovedModel_IsDisabled_WithALastErrorSayingTheModelIsMissing()
    {
        using var stream = new LoopbackMjpegServer();
        stream.Start();
        using var factory = new PortalFactory(TestDatabaseKind.Sqlite, CameraStreamTests.FastReconnect);
        using var client = factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long id = await client.AddIpCameraAsync("Gate", stream.Url);
        // Chosen when the model was installed; removed from models/ since.
        await WithDbAsync(factory, db => db.Videos.Where(v => v.Id == id).ExecuteUpdateAsync(s => s.SetProperty(v => v.ModelName, "people-2019")));

        await client.CameraActionAsync(id, "start");
        var stopped = await client.WaitForCameraAsync(id, Patience, c => !c.GetProperty("enabled").GetBoolean(), "the server disabling it");

        Assert.Equal("offline", stopped.GetProperty("state").GetString());
        string reason = stopped.GetProperty("lastError").GetString() ?? string.Empty;
        Assert.Contains("model 'people-2019' is missing", reason, StringComparison.Ordinal);
        string page = WebUtility.HtmlDecode(await client.Http.GetStringAsync("/Cameras"));
        Assert.Contains(reason, page, StringComparison.Ordinal);
        Assert.Equal(0, await WithDbAsync(factory, db => db.ZoneCounts.CountAsync(c => c.VideoId == id)));

        // Starting it again is the owner's answer: the reason goes, and the camera counts with the default model.
        var restarted = await PortalClient.ReadJsonAsync(await client.CameraActionAsync(id, "start"));
        Assert.True(restarted.GetProperty("enabled").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, restarted.GetProperty("lastError").ValueKind);
        await client.WaitForCameraAsync(id, Patience, c => c.GetProperty("state").GetString() == "online", "going online with the default model");
        await client.CameraActionAsync(id, "stop");
    }

    private static async Task<T> WithDbAsync<T>(PortalFactory factory, Func<CrowdPortalDbContext, Task<T>> work)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>());
    }
}
