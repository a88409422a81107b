using System.Net;
using System.Text.Json;
using CrowdPortal.Core.Analysis;
using CrowdPortal.Vision.Detectors;
using CrowdPortal.Web.Analysis;
using CrowdPortal.Web.Tests.Cameras;
using CrowdPortal.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdPortal.Web.Tests;

/// <summary>
/// The far area of uploads and cameras (a rectangle in fractions of the frame, or none): stored on each database,
/// validated with a sentence per bad field, owner-only, and passed to the detector.
/// </summary>
public abstract class FarAreaApiTests(PortalFixture portal)
{
    private static readonly object UpperLawn = new { x = 0, y = 0.08, width = 0.45, height = 0.25 };

    private PortalFactory Factory => portal.Factory;

    [Fact]
    public async Task NewUploadAndCamera_HaveNone_AndASetAreaIsStoredShownAndCleared()
    {
        using var client = Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long video = await client.UploadSampleAsync();
        long camera = await client.AddWebcamAsync("Square");
        Assert.Equal(JsonValueKind.Null, (await VideoFarAreaAsync(client, video)).ValueKind);
        Assert.Equal(JsonValueKind.Null, (await client.GetCameraAsync(camera)).GetProperty("farArea").ValueKind);

        var setVideo = await client.SendWithTokenAsync(HttpMethod.Put, $"/api/v1/videos/{video}/far-area", UpperLawn);
        var setCamera = await client.SendWithTokenAsync(HttpMethod.Put, $"/api/v1/cameras/{camera}/far-area", new { x = 0.5, y = 0.5, width = 0.5, height = 0.05 });

        Assert.Equal(HttpStatusCode.OK, setVideo.StatusCode);
        Assert.Equal(0.45, (await PortalClient.ReadJsonAsync(setVideo)).GetProperty("width").GetDouble());
        Assert.Equal(HttpStatusCode.OK, setCamera.StatusCode);
        var stored = await VideoFarAreaAsync(client, video);
        Assert.Equal((0.0, 0.08, 0.45, 0.25), (stored.GetProperty("x").GetDouble(), stored.GetProperty("y").GetDouble(),
            stored.GetProperty("width").GetDouble(), stored.GetProperty("height").GetDouble()));
        Assert.Equal(0.05, (await client.GetCameraAsync(camera)).GetProperty("farArea").GetProperty("height").GetDouble());

        var clearVideo = await client.SendWithTokenAsync(HttpMethod.Delete, $"/api/v1/videos/{video}/far-area");
        var clearCamera = await client.SendWithTokenAsync(HttpMethod.Delete, $"/api/v1/cameras/{camera}/far-area");
        var clearAgain = await client.SendWithTokenAsync(HttpMethod.Delete, $"/api/v1/cameras/{camera}/far-area");

        Assert.Equal(HttpStatusCode.NoContent, clearVideo.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, clearCamera.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, clearAgain.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await VideoFarAreaAsync(client, video)).ValueKind);
        Assert.Equal(JsonValueKind.Null, (await client.GetCameraAsync(camera)).GetProperty("farArea").ValueKind);
    }

    [Theory]
    [InlineData("no body fields", """{}""", "$.x")]
    [InlineData("height missing", """{"x":0.1,"y":0.1,"width":0.2}""", "$.height")]
    [InlineData("a string for x", """{"x":"left","y":0.1,"width":0.2,"height":0.2}""", "$.x")]
    [InlineData("NaN as a string", """{"x":"NaN","y":0.1,"width":0.2,"height":0.2}""", "$.x")]
    [InlineData("negative y", """{"x":0.1,"y":-0.2,"width":0.2,"height":0.2}""", "$.y")]
    [InlineData("width under 5 %", """{"x":0.1,"y":0.1,"width":0.01,"height":0.2}""", "$.width")]
    [InlineData("sticks out at the right", """{"x":0.7,"y":0.1,"width":0.5,"height":0.2}""", "$.width")]
    [InlineData("sticks out at the bottom", """{"x":0.1,"y":0.9,"width":0.2,"height":0.2}""", "$.height")]
    [InlineData("an array", """[0.1,0.1,0.2,0.2]""", "$")]
    [InlineData("not JSON", """{"x":""", "$")]
    public async Task Put_InvalidArea_Is400NamingTheField_AndKeepsTheArea(string label, string json, string field)
    {
        using var client = Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long video = await client.UploadSampleAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.SendWithTokenAsync(HttpMethod.Put, $"/api/v1/videos/{video}/far-area", UpperLawn)).StatusCode);

        using var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/videos/{video}/far-area")
        {
            Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("RequestVerificationToken", await client.GetAntiforgeryTokenAsync("/Videos"));
        var response = await client.Http.SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{label}: {response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await PortalClient.ReadJsonAsync(response);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var sentences), $"{label}: {problem}");
        Assert.False(string.IsNullOrWhiteSpace(sentences[0].GetString()), label);
        Assert.Equal(0.45, (await VideoFarAreaAsync(client, video)).GetProperty("width").GetDouble());
    }

    [Fact]
    public async Task Put_TooSmall_SaysTheMinimumInWords()
    {
        using var client = Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long camera = await client.AddWebcamAsync("Gate");

        var response = await client.SendWithTokenAsync(HttpMethod.Put, $"/api/v1/cameras/{camera}/far-area", new { x = 0.1, y = 0.1, width = 0.3, height = 0.02 });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        string detail = (await PortalClient.ReadJsonAsync(response)).GetProperty("detail").GetString()!;
        Assert.Contains("height must be between 0.05 (5 % of the frame's height) and 1; got 0.02.", detail, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, (await client.GetCameraAsync(camera)).GetProperty("farArea").ValueKind);
    }

    [Fact]
    public async Task PutAndDelete_WithoutAntiforgery_AreRefused()
    {
        using var client = Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long video = await client.UploadSampleAsync();

        var put = await client.Http.PutAsync($"/api/v1/videos/{video}/far-area",
            new StringContent("""{"x":0,"y":0,"width":0.5,"height":0.5}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await VideoFarAreaAsync(client, video)).ValueKind);

        Assert.Equal(HttpStatusCode.OK, (await client.SendWithTokenAsync(HttpMethod.Put, $"/api/v1/videos/{video}/far-area", UpperLawn)).StatusCode);
        var delete = await client.Http.DeleteAsync($"/api/v1/videos/{video}/far-area");
        Assert.Equal(HttpStatusCode.BadRequest, delete.StatusCode);
        Assert.Equal(JsonValueKind.Object, (await VideoFarAreaAsync(client, video)).ValueKind);
    }

    [Fact]
    public async Task PutAndDelete_WithoutSignIn_Are401()
    {
        using var anonymous = Factory.CreatePortalClient();

        var put = await anonymous.Http.PutAsync("/api/v1/videos/1/far-area",
            new StringContent("""{"x":0,"y":0,"width":0.5,"height":0.5}""", System.Text.Encoding.UTF8, "application/json"));
        var delete = await anonymous.Http.DeleteAsync("/api/v1/cameras/1/far-area");

        Assert.Equal(HttpStatusCode.Unauthorized, put.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, delete.StatusCode);
    }

    [Fact]
    public async Task PutAndDelete_AnotherUsersVideoOrCamera_OrTheWrongKind_Are404_AndChangeNothing()
    {
        using var owner = Factory.CreatePortalClient();
        await owner.RegisterNewUserAsync();
        long video = await owner.UploadSampleAsync();
        long camera = await owner.AddWebcamAsync("Hall");
        Assert.Equal(HttpStatusCode.OK, (await owner.SendWithTokenAsync(HttpMethod.Put, $"/api/v1/cameras/{camera}/far-area", UpperLawn)).StatusCode);
        using var other = Factory.CreatePortalClient();
        await other.RegisterNewUserAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await other.SendWithTokenAsync(HttpMethod.Put, $"/api/v1/videos/{video}/far-area", UpperLawn)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.SendWithTokenAsync(HttpMethod.Put, $"/api/v1/cameras/{camera}/far-area", UpperLawn)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.SendWithTokenAsync(HttpMethod.Delete, $"/api/v1/cameras/{camera}/far-area")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.SendWithTokenAsync(HttpMethod.Put, $"/api/v1/cameras/{video}/far-area", UpperLawn)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.SendWithTokenAsync(HttpMethod.Delete, $"/api/v1/videos/{camera}/far-area")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.SendWithTokenAsync(HttpMethod.Put, "/api/v1/videos/999999999/far-area", UpperLawn)).StatusCode);
        Assert.Equal(JsonValueKind.Null, (await VideoFarAreaAsync(owner, video)).ValueKind);
        Assert.Equal(0.45, (await owner.GetCameraAsync(camera)).GetProperty("farArea").GetProperty("width").GetDouble());
    }

    [Fact]
    public async Task DashboardPage_GivesItsScriptTheAreaAndTheRouteOfItsKind()
    {
        using var client = Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long video = await client.UploadSampleAsync();
        long camera = await client.AddWebcamAsync("Lawn");
        Assert.Equal(HttpStatusCode.OK, (await client.SendWithTokenAsync(HttpMethod.Put, $"/api/v1/cameras/{camera}/far-area", UpperLawn)).StatusCode);

        string videoPage = await client.Http.GetStringAsync($"/Dashboard/{video}");
        string cameraPage = await client.Http.GetStringAsync($"/Dashboard/{camera}");

        Assert.Contains($"data-url=\"/api/v1/videos/{video}/far-area\" data-far-area=\"\"", videoPage, StringComparison.Ordinal);
        Assert.Contains($"data-url=\"/api/v1/cameras/{camera}/far-area\" data-far-area=\"0,0.08,0.45,0.25\"", cameraPage, StringComparison.Ordinal);
        Assert.Contains("this area is also analysed enlarged; costs more CPU", cameraPage, StringComparison.Ordinal);
    }

    [Fact]
    public void Detectors_DetectTheFarArea_EvenWithTilingOff()
    {
        var detectors = Factory.Services.GetRequiredService<DetectorProvider>();

        using (var none = detectors.Create(null, "upload", TilingMode.Off, farArea: null))
        {
            Assert.IsNotType<TiledDetector>(none);
        }

        using var upload = Assert.IsType<TiledDetector>(detectors.Create(null, "upload", TilingMode.Off, new FarArea(0, 0.08, 0.45, 0.25)));
        Assert.False(upload.Tiles(768, 576), "the far area alone adds no grid of tiles");
        using var camera = Assert.IsType<TiledDetector>(detectors.CreateForCamera(null, 1, TilingMode.Off, new FarArea(0, 0.08, 0.45, 0.25)));
        Assert.Equal(TilingMode.Off, camera.Mode);
    }

    private static async Task<JsonElement> VideoFarAreaAsync(PortalClient client, long id) =>
        (await PortalClient.ReadJsonAsync(await client.Http.GetAsync($"/api/v1/videos/{id}"))).GetProperty("farArea");
}

public sealed class SqliteFarAreaApiTests(SqlitePortal portal) : FarAreaApiTests(portal), IClassFixture<SqlitePortal>;

public sealed class MariaDbFarAreaApiTests(MariaDbPortal portal) : FarAreaApiTests(portal), IClassFixture<MariaDbPortal>;
