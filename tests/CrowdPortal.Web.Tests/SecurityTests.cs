using System.Net;
using CrowdPortal.Web.Tests.Infrastructure;

namespace CrowdPortal.Web.Tests;

/// <summary>The checklist of SECURITY.md that is the same on every database: login walls, headers, limits, errors.</summary>
public sealed class SecurityTests(SqlitePortal portal) : IClassFixture<SqlitePortal>
{
    private PortalFactory Factory => portal.Factory;

    [Theory]
    [InlineData("/")]
    [InlineData("/Videos")]
    [InlineData("/Settings")]
    [InlineData("/Alerts")]
    [InlineData("/Dashboard/1")]
    [InlineData("/Graphs/1")]
    [InlineData("/Cameras")]
    [InlineData("/Admin")]
    public async Task Anonymous_Page_RedirectsToLogin(string path)
    {
        using var client = Factory.CreatePortalClient();

        var response = await client.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.PathAndQuery);
    }

    [Theory]
    [InlineData("GET", "/api/v1/videos")]
    [InlineData("GET", "/api/v1/videos/1")]
    [InlineData("DELETE", "/api/v1/videos/1")]
    [InlineData("POST", "/api/v1/videos")]
    [InlineData("GET", "/api/v1/videos/1/zones")]
    [InlineData("PUT", "/api/v1/videos/1/zones")]
    [InlineData("POST", "/api/v1/videos/1/analysis")]
    [InlineData("GET", "/api/v1/videos/1/counts")]
    [InlineData("GET", "/api/v1/videos/1/counts.csv")]
    [InlineData("GET", "/api/v1/videos/1/heatmap.png")]
    [InlineData("GET", "/api/v1/videos/1/frame.jpg?t=1")]
    [InlineData("GET", "/api/v1/alerts")]
    [InlineData("GET", "/api/v1/models")]
    [InlineData("GET", "/api/v1/cameras")]
    [InlineData("GET", "/api/v1/admin/status")]
    public async Task Anonymous_Api_Is401(string method, string path)
    {
        using var client = Factory.CreatePortalClient();

        var response = await client.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/Account/Register")]
    [InlineData("/lib/bootstrap/bootstrap.min.css")]
    [InlineData("/openapi/v1.json")]
    public async Task PublicPaths_AreReachableWithoutLogin(string path)
    {
        using var client = Factory.CreatePortalClient();

        var response = await client.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/api/v1/videos")]
    [InlineData("/does-not-exist")]
    public async Task EveryResponse_HasTheSecurityHeaders(string path)
    {
        using var client = Factory.CreatePortalClient();

        var response = await client.Http.GetAsync(path);

        string csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.DoesNotContain("unsafe-inline", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task Pages_HaveNoInlineScript()
    {
        using var client = Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long id = await client.UploadSampleAsync();

        foreach (string path in new[] { "/Videos", "/Settings", "/Alerts", $"/Dashboard/{id}", $"/Graphs/{id}", "/Cameras" })
        {
            string html = await client.Http.GetStringAsync(path);
            Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)[^>]*>", html);
            Assert.DoesNotContain(" onclick=", html);
            Assert.DoesNotContain(" style=\"", html);
        }
    }

    [Fact]
    public async Task UnknownApiRoute_IsProblemJson404_UnknownPage_IsFriendly404()
    {
        using var client = Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();

        var api = await client.Http.GetAsync("/api/v1/nothing-here");
        var page = await client.Http.GetAsync("/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        string html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Not found", html);
        Assert.DoesNotContain("Exception", html);
    }

    [Fact]
    public async Task AntiforgeryMissingOnLoginForm_Is400()
    {
        using var client = Factory.CreatePortalClient();

        var response = await client.Http.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "someone",
            ["Password"] = "whatever123",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Reload the page", await response.Content.ReadAsStringAsync());
    }
}

/// <summary>Limits need their own host, configured the way an operator would.</summary>
public sealed class LimitTests
{
    [Fact]
    public async Task Upload_OverTheConfiguredLimit_Is413_AndLeavesNoFile()
    {
        using var factory = new PortalFactory(TestDatabaseKind.Sqlite, new Dictionary<string, string?> { ["Uploads:MaxBytes"] = "1048576" });
        using var client = factory.CreatePortalClient();
        await client.RegisterNewUserAsync();

        var response = await client.UploadAsync(SampleFiles.Video, "vtest.avi");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("1 MiB", await response.Content.ReadAsStringAsync());
        Assert.Empty(factory.StoredFiles());
    }

    [Fact]
    public async Task Upload_OverTheLimit_WithoutContentLength_Is413_AndLeavesNoFile()
    {
        using var factory = new PortalFactory(TestDatabaseKind.Sqlite, new Dictionary<string, string?> { ["Uploads:MaxBytes"] = "1048576" });
        using var client = factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        var multipart = PortalClient.Multipart(SampleFiles.Video, "vtest.avi");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/videos")
        {
            Content = new StreamContent(new MemoryStream(await multipart.ReadAsByteArrayAsync())),
        };
        request.Content.Headers.ContentType = multipart.Headers.ContentType;
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add("RequestVerificationToken", await client.GetAntiforgeryTokenAsync("/Videos"));

        var response = await client.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(factory.StoredFiles());
    }

    [Fact]
    public async Task Login_BurstFromOneClient_Gets429()
    {
        using var factory = new PortalFactory(TestDatabaseKind.Sqlite, new Dictionary<string, string?> { ["RateLimiting:AuthPermitLimit"] = "5" });
        using var client = factory.CreatePortalClient();
        var statuses = new List<HttpStatusCode>();

        for (int i = 0; i < 8; i++)
        {
            statuses.Add((await client.LoginAsync("nobody", "wrong password " + i)).StatusCode);
        }

        Assert.All(statuses.Take(5), s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.All(statuses.Skip(5), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
    }
}
