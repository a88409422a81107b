using System.Net;
using CrowdPortal.Data;
using CrowdPortal.Web.Cameras;
using CrowdPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdPortal.Web.Tests.Cameras;

/// <summary>Adding, reading and deleting cameras through /api/v1/cameras: validation, secrecy of the URL, ownership.</summary>
public sealed class CameraApiTests(SqlitePortal portal) : IClassFixture<SqlitePortal>
{
    public static TheoryData<string, object> InvalidRequests => new()
    {
        { "empty body", new { } },
        { "no url", new { name = "Gate" } },
        { "blank name", new { name = " ", url = "rtsp://cam.local/live" } },
        { "ftp scheme", new { name = "Gate", url = "ftp://cam.local/live" } },
        { "file scheme", new { name = "Gate", url = "file:///etc/passwd" } },
        { "not a url", new { name = "Gate", url = "camera one" } },
        { "relative url", new { name = "Gate", url = "/live.mjpeg" } },
        { "name too long", new { name = new string('n', 101), url = "rtsp://cam.local/live" } },
        { "unknown kind", new { name = "Gate", kind = "drone" } },
    };

    [Theory]
    [MemberData(nameof(InvalidRequests))]
    public async Task Create_InvalidRequest_Is400WithAReason(string label, object body)
    {
        using var client = portal.Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();

        var response = await client.AddCameraAsync(body);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{label}: {response.StatusCode}");
        var problem = await PortalClient.ReadJsonAsync(response);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()), label);
        var list = await PortalClient.ReadJsonAsync(await client.Http.GetAsync("/api/v1/cameras"));
        Assert.Equal(0, list.GetArrayLength());
    }

    [Fact]
    public async Task Create_StoresTheUrlEncrypted_AndOnlyEverShowsItRedacted()
    {
        using var client = portal.Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();

        var response = await client.AddCameraAsync(new { name = "Gate", url = "rtsp://admin:s3cretPass@cam.local:8554/live?token=t0ken" });
        string created = await response.Content.ReadAsStringAsync();
        long id = (await PortalClient.ReadJsonAsync(response)).GetProperty("id").GetInt64();
        string listed = await client.Http.GetStringAsync("/api/v1/cameras");
        string one = await client.Http.GetStringAsync($"/api/v1/cameras/{id}");
        string page = await client.Http.GetStringAsync("/Cameras");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("rtsp://***@cam.local:8554/live?***", (await client.GetCameraAsync(id)).GetProperty("url").GetString());
        foreach (string text in (string[])[created, listed, one, page])
        {
            Assert.DoesNotContain("s3cretPass", text, StringComparison.Ordinal);
            Assert.DoesNotContain("t0ken", text, StringComparison.Ordinal);
        }

        using var scope = portal.Factory.Services.CreateScope();
        var row = await scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>().Videos.AsNoTracking().SingleAsync(v => v.Id == id);
        Assert.DoesNotContain("s3cretPass", row.StreamUrlProtected!, StringComparison.Ordinal);
        Assert.Equal("rtsp://admin:s3cretPass@cam.local:8554/live?token=t0ken",
            scope.ServiceProvider.GetRequiredService<CameraUrlProtector>().Unprotect(row.StreamUrlProtected!));
    }

    [Fact]
    public async Task Cameras_AreNotUploads_AndShowAsOfflineAndDisabledUntilStarted()
    {
        using var client = portal.Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long ip = await client.AddIpCameraAsync("Gate", "http://127.0.0.1:9/none");
        long webcam = await client.AddWebcamAsync("Desk");

        var videos = await PortalClient.ReadJsonAsync(await client.Http.GetAsync("/api/v1/videos"));
        var cameras = await PortalClient.ReadJsonAsync(await client.Http.GetAsync("/api/v1/cameras"));

        Assert.Equal(0, videos.GetArrayLength());
        Assert.Equal(2, cameras.GetArrayLength());
        var gate = await client.GetCameraAsync(ip);
        Assert.Equal("camera", gate.GetProperty("kind").GetString());
        Assert.False(gate.GetProperty("enabled").GetBoolean());
        Assert.Equal("offline", gate.GetProperty("state").GetString());
        Assert.Equal("webcam", (await client.GetCameraAsync(webcam)).GetProperty("kind").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.CameraActionAsync(webcam, "start")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync($"/api/v1/cameras/{ip}/frame.jpg")).StatusCode);

        // A file analysis of a camera row would replace its live history: the videos' analysis API does not see cameras.
        var analysis = await client.SendWithTokenAsync(HttpMethod.Post, $"/api/v1/videos/{ip}/analysis", new { });
        Assert.Equal(HttpStatusCode.NotFound, analysis.StatusCode);
    }

    [Fact]
    public async Task AnotherUsersCamera_LooksMissingEverywhere()
    {
        using var owner = portal.Factory.CreatePortalClient();
        await owner.RegisterNewUserAsync();
        long id = await owner.AddIpCameraAsync("Gate", "rtsp://cam.local/live");
        using var other = portal.Factory.CreatePortalClient();
        await other.RegisterNewUserAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"/api/v1/cameras/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"/api/v1/cameras/{id}/frame.jpg")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"/api/v1/cameras/{id}/counts")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"/api/v1/cameras/{id}/zones")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.CameraActionAsync(id, "start")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"/Cameras/Webcam/{id}")).StatusCode);
        using (var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/cameras/{id}"))
        {
            delete.Headers.Add("RequestVerificationToken", await other.GetAntiforgeryTokenAsync("/Videos"));
            Assert.Equal(HttpStatusCode.NotFound, (await other.Http.SendAsync(delete)).StatusCode);
        }

        Assert.Equal(0, (await PortalClient.ReadJsonAsync(await other.Http.GetAsync("/api/v1/cameras"))).GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, (await owner.Http.GetAsync($"/api/v1/cameras/{id}")).StatusCode);
    }

    [Fact]
    public async Task StateChanges_WithoutAntiforgery_AreRefused()
    {
        using var client = portal.Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();

        var response = await client.AddCameraAsync(new { name = "Gate", url = "rtsp://cam.local/live" }, withAntiforgery: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, (await PortalClient.ReadJsonAsync(await client.Http.GetAsync("/api/v1/cameras"))).GetArrayLength());
    }

    [Fact]
    public async Task Delete_RemovesTheCameraAndItsZones()
    {
        using var client = portal.Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long id = await client.AddIpCameraAsync("Gate", "rtsp://cam.local/live");
        Assert.Equal(HttpStatusCode.OK, (await client.PutCameraZonesAsync(id, AnalysisHelpers.SampleZones)).StatusCode);

        using var delete = new HttpRequestMessage(HttpMethod.Delete, $"/api/v1/cameras/{id}");
        delete.Headers.Add("RequestVerificationToken", await client.GetAntiforgeryTokenAsync("/Videos"));
        Assert.Equal(HttpStatusCode.NoContent, (await client.Http.SendAsync(delete)).StatusCode);

        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync($"/api/v1/cameras/{id}")).StatusCode);
        using var scope = portal.Factory.Services.CreateScope();
        Assert.False(await scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>().VideoZones.AnyAsync(z => z.VideoId == id));
    }
}
