using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using CrowdPortal.Web.Tests.Infrastructure;

namespace CrowdPortal.Web.Tests;

/// <summary>Uploads, listing, deletion, API tokens and per-user isolation through the REST API, on each database.</summary>
public abstract partial class VideoApiTests(PortalFixture portal)
{
    private PortalFactory Factory => portal.Factory;

    [Fact]
    public async Task Upload_RealVideo_IsStoredWithItsFactsAndListed()
    {
        using var client = Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();

        var response = await client.UploadAsync(SampleFiles.Video, "vtest.avi");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var video = await PortalClient.ReadJsonAsync(response);
        long id = video.GetProperty("id").GetInt64();
        Assert.Equal("vtest.avi", video.GetProperty("fileName").GetString());
        Assert.Equal(795, video.GetProperty("frameCount").GetInt32());
        Assert.Equal(768, video.GetProperty("width").GetInt32());
        Assert.Equal(576, video.GetProperty("height").GetInt32());
        Assert.Equal(79.5, video.GetProperty("durationSeconds").GetDouble(), 1);
        Assert.Equal(SampleFiles.Video.Length, video.GetProperty("sizeBytes").GetInt64());
        Assert.Equal("uploaded", video.GetProperty("status").GetString());
        Assert.False(video.TryGetProperty("storedPath", out _));

        var list = await PortalClient.ReadJsonAsync(await client.Http.GetAsync("/api/v1/videos"));
        Assert.Contains(list.EnumerateArray(), v => v.GetProperty("id").GetInt64() == id);
        string page = await client.Http.GetStringAsync("/Videos");
        Assert.Contains("vtest.avi", page);
        Assert.Contains("1:19", page);
        Assert.Contains("768×576", page);
    }

    [Fact]
    public async Task Upload_TextFileNamedMp4_Is400WithReason_AndLeavesNothing()
    {
        using var client = Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        var before = Factory.StoredFiles();

        var response = await client.UploadAsync(SampleFiles.TextPosingAsVideo, "holiday.mp4");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("could not decode this file as a video", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, Factory.StoredFiles());
        var list = await PortalClient.ReadJsonAsync(await client.Http.GetAsync("/api/v1/videos"));
        Assert.Equal(0, list.GetArrayLength());
    }

    [Fact]
    public async Task Upload_WithoutFileField_Is400()
    {
        using var client = Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/videos")
        {
            Content = new MultipartFormDataContent { { new StringContent("x"), "notfile" } },
        };
        request.Headers.Add("RequestVerificationToken", await client.GetAntiforgeryTokenAsync("/Videos"));

        var response = await client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("field named 'file'", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Upload_PathInFileName_IsStoredUnderAGeneratedNameInsideTheUsersFolder()
    {
        using var client = Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        string outside = Path.GetFullPath(Path.Combine(Factory.UploadsRoot, "..", "..", "x.mp4"));

        var response = await client.UploadAsync(SampleFiles.Video, "../../x.mp4");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var video = await PortalClient.ReadJsonAsync(response);
        Assert.Equal("x.mp4", video.GetProperty("fileName").GetString());
        Assert.False(File.Exists(outside));
        Assert.DoesNotContain(Factory.StoredFiles(), f => f.EndsWith("x.mp4", StringComparison.Ordinal));
        Assert.Contains(Factory.StoredFiles(), f => GeneratedName().IsMatch(f));
    }

    [Fact]
    public async Task Delete_RemovesRowAndFile()
    {
        using var client = Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        var created = await PortalClient.ReadJsonAsync(await client.UploadAsync(SampleFiles.Video, "vtest.avi"));
        long id = created.GetProperty("id").GetInt64();
        int filesBefore = Factory.StoredFiles().Count;

        var response = await client.DeleteVideoAsync(id);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync($"/api/v1/videos/{id}")).StatusCode);
        Assert.Equal(filesBefore - 1, Factory.StoredFiles().Count);
    }

    [Fact]
    public async Task AnotherUsersVideo_Answers404OnEveryRoute_AndIsNeverListed()
    {
        using var owner = Factory.CreatePortalClient();
        await owner.RegisterNewUserAsync();
        long id = (await PortalClient.ReadJsonAsync(await owner.UploadAsync(SampleFiles.Video, "private.avi"))).GetProperty("id").GetInt64();
        using var other = Factory.CreatePortalClient();
        await other.RegisterNewUserAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"/api/v1/videos/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.DeleteVideoAsync(id)).StatusCode);
        var pageDelete = await other.PostFormAsync($"/Videos/Delete/{id}", new Dictionary<string, string>(), "/Videos");
        Assert.Equal(HttpStatusCode.NotFound, pageDelete.StatusCode);
        Assert.Equal(0, (await PortalClient.ReadJsonAsync(await other.Http.GetAsync("/api/v1/videos"))).GetArrayLength());
        Assert.DoesNotContain("private.avi", await other.Http.GetStringAsync("/Videos"));
        Assert.Equal(HttpStatusCode.OK, (await owner.Http.GetAsync($"/api/v1/videos/{id}")).StatusCode);
    }

    [Fact]
    public async Task CookieStateChange_WithoutAntiforgeryToken_Is400AndChangesNothing()
    {
        using var client = Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long id = (await PortalClient.ReadJsonAsync(await client.UploadAsync(SampleFiles.Video, "vtest.avi"))).GetProperty("id").GetInt64();

        var upload = await client.UploadAsync(SampleFiles.Video, "forged.avi", withAntiforgery: false);
        var delete = await client.DeleteVideoAsync(id, withAntiforgery: false);
        var logout = await client.Http.PostAsync("/Account/Logout", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, upload.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, delete.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, logout.StatusCode);
        var list = await PortalClient.ReadJsonAsync(await client.Http.GetAsync("/api/v1/videos"));
        Assert.Equal(1, list.GetArrayLength());
    }

    [Fact]
    public async Task ApiToken_AuthenticatesTheApi_WithoutCookiesOrAntiforgery_UntilRevoked()
    {
        using var browser = Factory.CreatePortalClient();
        await browser.RegisterNewUserAsync();
        string secret = await browser.CreateApiTokenAsync();

        using var script = Factory.CreatePortalClient();
        script.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        var upload = await script.Http.PostAsync("/api/v1/videos", PortalClient.Multipart(SampleFiles.Video, "via-token.avi"));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var list = await PortalClient.ReadJsonAsync(await browser.Http.GetAsync("/api/v1/videos"));
        Assert.Contains(list.EnumerateArray(), v => v.GetProperty("fileName").GetString() == "via-token.avi");

        // Revoke from the settings page: the token stops working.
        string settings = await browser.Http.GetStringAsync("/Settings");
        string tokenId = Regex.Match(settings, "/Settings/RevokeToken/(?<id>\\d+)").Groups["id"].Value;
        var revoke = await browser.PostFormAsync($"/Settings/RevokeToken/{tokenId}", new Dictionary<string, string>(), "/Settings");
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await script.Http.GetAsync("/api/v1/videos")).StatusCode);
        Assert.DoesNotContain(secret, await browser.Http.GetStringAsync("/Settings"));
    }

    [Fact]
    public async Task ApiToken_Unknown_Is401()
    {
        using var client = Factory.CreatePortalClient();
        client.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "cpt_not-a-real-token");

        var response = await client.Http.GetAsync("/api/v1/videos");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [GeneratedRegex("^[0-9a-f-]{36}/[0-9a-f]{32}\\.mp4$")]
    private static partial Regex GeneratedName();
}

public sealed class SqliteVideoApiTests(SqlitePortal portal) : VideoApiTests(portal), IClassFixture<SqlitePortal>;

public sealed class MariaDbVideoApiTests(MariaDbPortal portal) : VideoApiTests(portal), IClassFixture<MariaDbPortal>;
