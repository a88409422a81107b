using System.Net;
using CrowdPortal.Core.Analysis;
using CrowdPortal.Vision.Detectors;
using CrowdPortal.Web.Analysis;
using CrowdPortal.Web.Tests.Cameras;
using CrowdPortal.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdPortal.Web.Tests;

/// <summary>The tiling setting of uploads and cameras (off, auto, on): stored on each database, validated, owner-only.</summary>
public abstract class TilingApiTests(PortalFixture portal)
{
    private PortalFactory Factory => portal.Factory;

    [Fact]
    public async Task NewUploadAndCamera_AreAuto_AndASetModeIsStoredAndShown()
    {
        using var client = Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long video = await client.UploadSampleAsync();
        long camera = await client.AddWebcamAsync("Gate");
        Assert.Equal("auto", await VideoTilingAsync(client, video));
        Assert.Equal("auto", (await client.GetCameraAsync(camera)).GetProperty("tiling").GetString());

        var setVideo = await client.SendWithTokenAsync(HttpMethod.Put, $"/api/v1/videos/{video}/tiling", new { mode = "on" });
        var setCamera = await client.SendWithTokenAsync(HttpMethod.Put, $"/api/v1/cameras/{camera}/tiling", new { mode = "OFF " });

        Assert.Equal(HttpStatusCode.OK, setVideo.StatusCode);
        Assert.Equal("on", (await PortalClient.ReadJsonAsync(setVideo)).GetProperty("mode").GetString());
        Assert.Equal(HttpStatusCode.OK, setCamera.StatusCode);
        Assert.Equal("on", await VideoTilingAsync(client, video));
        Assert.Equal("off", (await client.GetCameraAsync(camera)).GetProperty("tiling").GetString());
    }

    [Fact]
    public async Task PageForm_SetsTheMode_AndTheHeaderShowsIt()
    {
        using var client = Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long video = await client.UploadSampleAsync();

        var posted = await client.PostFormAsync($"/Dashboard/{video}/Tiling", new Dictionary<string, string> { ["mode"] = "off" }, $"/Dashboard/{video}");

        Assert.True(posted.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"form post: {posted.StatusCode}");
        Assert.Equal("off", await VideoTilingAsync(client, video));
        string page = await client.Http.GetStringAsync($"/Dashboard/{video}");
        Assert.Contains("<option value=\"off\" selected=\"selected\">off</option>", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Tiling", "mode", "Choose one of the tiling modes: off, auto, on.")]
    [InlineData("Privacy", "level", "Choose one of the privacy levels: off, blur, counts-only.")]
    public async Task PageForm_UnknownValue_Is400NamingTheChoices_AndKeepsTheSetting(string form, string field, string message)
    {
        using var client = Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long video = await client.UploadSampleAsync();

        var posted = await client.PostFormAsync($"/Dashboard/{video}/{form}", new Dictionary<string, string> { [field] = "sometimes" }, $"/Dashboard/{video}");

        Assert.Equal(HttpStatusCode.BadRequest, posted.StatusCode);
        Assert.Contains(message, await posted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var stored = await PortalClient.ReadJsonAsync(await client.Http.GetAsync($"/api/v1/videos/{video}"));
        Assert.Equal("auto", stored.GetProperty("tiling").GetString());
        Assert.Equal("off", stored.GetProperty("privacyLevel").GetString());
    }

    [Theory]
    [InlineData("an unknown mode", """{"mode":"sometimes"}""")]
    [InlineData("no mode", """{}""")]
    [InlineData("a number", """{"mode":2}""")]
    [InlineData("not JSON", """{"mode":""")]
    public async Task Put_InvalidMode_Is400WithAReadableMessage_AndKeepsTheSetting(string label, string json)
    {
        using var client = Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long video = await client.UploadSampleAsync();

        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/videos/{video}/tiling")
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("RequestVerificationToken", await client.GetAntiforgeryTokenAsync("/Videos"));
        var response = await client.Http.SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{label}: {response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("auto", await VideoTilingAsync(client, video));
    }

    [Fact]
    public async Task Put_WithoutAntiforgery_IsRefused()
    {
        using var client = Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long video = await client.UploadSampleAsync();

        var response = await client.Http.PutAsync($"/api/v1/videos/{video}/tiling",
            new StringContent("""{"mode":"on"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("auto", await VideoTilingAsync(client, video));
    }

    [Fact]
    public async Task Put_AnotherUsersVideoOrCamera_OrTheWrongKind_Is404_AndChangesNothing()
    {
        using var owner = Factory.CreatePortalClient();
        await owner.RegisterNewUserAsync();
        long video = await owner.UploadSampleAsync();
        long camera = await owner.AddWebcamAsync("Hall");
        using var other = Factory.CreatePortalClient();
        await other.RegisterNewUserAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await other.SendWithTokenAsync(HttpMethod.Put, $"/api/v1/videos/{video}/tiling", new { mode = "on" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.SendWithTokenAsync(HttpMethod.Put, $"/api/v1/cameras/{camera}/tiling", new { mode = "on" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostFormAsync($"/Dashboard/{video}/Tiling", new Dictionary<string, string> { ["mode"] = "on" }, "/Videos")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.SendWithTokenAsync(HttpMethod.Put, $"/api/v1/cameras/{video}/tiling", new { mode = "on" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.SendWithTokenAsync(HttpMethod.Put, $"/api/v1/videos/{camera}/tiling", new { mode = "on" })).StatusCode);
        Assert.Equal("auto", await VideoTilingAsync(owner, video));
        Assert.Equal("auto", (await owner.GetCameraAsync(camera)).GetProperty("tiling").GetString());
    }

    [Fact]
    public void Detectors_FollowTheSetting_ForUploadsAndCameras()
    {
        var detectors = Factory.Services.GetRequiredService<DetectorProvider>();

        using (var off = detectors.Create(null, tiling: TilingMode.Off))
        {
            Assert.IsNotType<TiledDetector>(off);
        }

        using (var upload = detectors.Create(null, tiling: TilingMode.On))
        {
            Assert.True(Assert.IsType<TiledDetector>(upload).Tiles(768, 576), "on tiles every frame");
        }

        using var camera = Assert.IsType<TiledDetector>(detectors.CreateForCamera(null, 1, TilingMode.Auto));
        Assert.False(camera.Tiles(768, 576), "auto leaves 768x576 untiled");
        Assert.True(camera.Tiles(1920, 1080), "auto tiles 1080p");
    }

    private static async Task<string?> VideoTilingAsync(PortalClient client, long id) =>
        (await PortalClient.ReadJsonAsync(await client.Http.GetAsync($"/api/v1/videos/{id}"))).GetProperty("tiling").GetString();
}

public sealed class SqliteTilingApiTests(SqlitePortal portal) : TilingApiTests(portal), IClassFixture<SqlitePortal>;

public sealed class MariaDbTilingApiTests(MariaDbPortal portal) : TilingApiTests(portal), IClassFixture<MariaDbPortal>;
