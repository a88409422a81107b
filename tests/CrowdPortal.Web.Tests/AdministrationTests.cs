using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using CrowdPortal.Data;
using CrowdPortal.Web.Tests.Cameras;
using CrowdPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdPortal.Web.Tests;

/// <summary>
/// The administrator (the installation's first account) and the System page: camera health and dropped results across
/// accounts, for the administrator only. Each test starts its own portal, so "first account" means the test's first.
/// </summary>
public sealed class AdministrationTests
{
    [Theory]
    [InlineData(TestDatabaseKind.Sqlite)]
    [InlineData(TestDatabaseKind.MariaDb)]
    public async Task FirstAccount_SeesEveryCamerasHealthAndDroppedResults_ButNotOtherUsersData(TestDatabaseKind kind)
    {
        using var factory = new PortalFactory(kind);
        using var admin = factory.CreatePortalClient();
        await admin.RegisterNewUserAsync();
        using var owner = factory.CreatePortalClient();
        string ownerName = await owner.RegisterNewUserAsync();
        long camera = await owner.AddIpCameraAsync("Gate 3", "rtsp://viewer:s3cret@10.0.0.7/live");
        await SetDroppedSamplesAsync(factory, camera, 7); // as a database outage longer than the buffer leaves it

        var page = await admin.Http.GetAsync("/Admin");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        string html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Gate 3", html, StringComparison.Ordinal);
        Assert.Contains(ownerName, html, StringComparison.Ordinal);
        Assert.Matches(DroppedTotal(7), html);
        Assert.DoesNotContain("s3cret", html, StringComparison.Ordinal);
        Assert.DoesNotContain("10.0.0.7", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/Admin\"", await admin.Http.GetStringAsync("/Videos"), StringComparison.Ordinal);

        var status = await PortalClient.ReadJsonAsync(await admin.Http.GetAsync("/api/v1/admin/status"));
        Assert.Equal(2, status.GetProperty("accounts").GetInt32());
        Assert.Equal(7, status.GetProperty("droppedSamplesTotal").GetInt64());
        var row = Assert.Single(status.GetProperty("cameras").EnumerateArray());
        Assert.Equal("Gate 3", row.GetProperty("name").GetString());
        Assert.Equal(ownerName, row.GetProperty("owner").GetString());
        Assert.Equal(7, row.GetProperty("droppedSamples").GetInt64());
        Assert.Equal("offline", row.GetProperty("state").GetString());
        Assert.False(row.TryGetProperty("url", out _));

        // Administering the installation is no key to another user's camera, counts or frames.
        foreach (string url in (string[])[$"/api/v1/cameras/{camera}", $"/api/v1/videos/{camera}/counts", $"/Dashboard/{camera}"])
        {
            Assert.Equal(HttpStatusCode.NotFound, (await admin.Http.GetAsync(url)).StatusCode);
        }
    }

    [Fact]
    public async Task LaterAccounts_AreRefusedTheSystemPageAndApi_WithA403()
    {
        using var factory = new PortalFactory(TestDatabaseKind.Sqlite);
        using var admin = factory.CreatePortalClient();
        await admin.RegisterNewUserAsync();
        using var user = factory.CreatePortalClient();
        string userName = await user.RegisterNewUserAsync();

        var page = await user.Http.GetAsync("/Admin");
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("Not allowed", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var api = await user.Http.GetAsync("/api/v1/admin/status");
        Assert.Equal(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("href=\"/Admin\"", await user.Http.GetStringAsync("/Videos"), StringComparison.Ordinal);
        Assert.Contains(factory.Logs.Lines, l => l.Contains($"Refused {userName} on /api/v1/admin/status", StringComparison.Ordinal));

        // The same with API tokens: the role is read from the database, not carried by the token.
        using var userScript = factory.CreatePortalClient();
        userScript.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await user.CreateApiTokenAsync("monitoring"));
        Assert.Equal(HttpStatusCode.Forbidden, (await userScript.Http.GetAsync("/api/v1/admin/status")).StatusCode);
        using var adminScript = factory.CreatePortalClient();
        adminScript.Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await admin.CreateApiTokenAsync("monitoring"));
        var status = await adminScript.Http.GetAsync("/api/v1/admin/status");
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal(JsonValueKind.Array, (await PortalClient.ReadJsonAsync(status)).GetProperty("cameras").ValueKind);
    }

    [Fact]
    public async Task SystemPage_WithNoCameras_SaysSo()
    {
        using var factory = new PortalFactory(TestDatabaseKind.Sqlite);
        using var admin = factory.CreatePortalClient();
        await admin.RegisterNewUserAsync();

        string html = await admin.Http.GetStringAsync("/Admin");

        Assert.Contains("data-testid=\"system-no-cameras\"", html, StringComparison.Ordinal);
        Assert.Matches(DroppedTotal(0), html);
        Assert.DoesNotMatch("<script(?![^>]*\\bsrc=)[^>]*>", html);
        Assert.DoesNotContain(" style=\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InstallationWithAccountsButNoAdministrator_GetsOneAtStartUp()
    {
        // An installation from before administrators existed: accounts, no role. Its earliest account becomes the administrator.
        string workDir = Directory.CreateTempSubdirectory("crowdportal-admin-upgrade-").FullName;
        try
        {
            string first, second;
            using (var before = new PortalFactory(TestDatabaseKind.Sqlite, workDir: workDir))
            {
                using var a = before.CreatePortalClient();
                first = await a.RegisterNewUserAsync();
                using var b = before.CreatePortalClient();
                second = await b.RegisterNewUserAsync();
                using var scope = before.Services.CreateScope();
                await scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>().UserRoles.ExecuteDeleteAsync();
            }

            using var after = new PortalFactory(TestDatabaseKind.Sqlite, workDir: workDir);
            using var firstAgain = after.CreatePortalClient();
            await firstAgain.LoginAsync(first);
            using var secondAgain = after.CreatePortalClient();
            await secondAgain.LoginAsync(second);
            Assert.Equal(HttpStatusCode.OK, (await firstAgain.Http.GetAsync("/api/v1/admin/status")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await secondAgain.Http.GetAsync("/api/v1/admin/status")).StatusCode);
        }
        finally
        {
            Directory.Delete(workDir, recursive: true);
        }
    }

    private static Regex DroppedTotal(long n) => new($"data-testid=\"dropped-total\">{n}<");

    private static async Task SetDroppedSamplesAsync(PortalFactory factory, long cameraId, long dropped)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
        await db.Videos.Where(v => v.Id == cameraId).ExecuteUpdateAsync(s => s.SetProperty(v => v.DroppedSamples, dropped));
    }
}
