using System.Net;
using CrowdPortal.Web.Tests.Infrastructure;

namespace CrowdPortal.Web.Tests;

/// <summary>Zones, frames and analysis requests that need no finished analysis, on each database.</summary>
public abstract class ZonesApiTests(PortalFixture portal)
{
    private PortalFactory Factory => portal.Factory;

    [Fact]
    public async Task PutZones_Valid_IsStoredAndReturnedInOrder()
    {
        using var client = Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long id = await client.UploadSampleAsync();

        var put = await client.PutZonesAsync(id, AnalysisHelpers.SampleZones);
        var get = await PortalClient.ReadJsonAsync(await client.Http.GetAsync($"/api/v1/videos/{id}/zones"));

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(new[] { "lower", "crossing", "sign" }, get.EnumerateArray().Select(z => z.GetProperty("zoneId").GetString()!).ToArray());
        Assert.Equal(new[] { "polygon", "line", "mask" }, get.EnumerateArray().Select(z => z.GetProperty("kind").GetString()!).ToArray());
        Assert.Equal(0.5, get[0].GetProperty("points")[0][1].GetDouble());
        Assert.Equal(1, get[0].GetProperty("warning").GetDouble());
    }

    [Fact]
    public async Task PutZones_Empty_RemovesAllZones()
    {
        using var client = Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long id = await client.UploadSampleAsync();
        await client.PutZonesAsync(id, AnalysisHelpers.SampleZones);

        var put = await client.PutZonesAsync(id, "[]");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(0, (await PortalClient.ReadJsonAsync(await client.Http.GetAsync($"/api/v1/videos/{id}/zones"))).GetArrayLength());
    }

    [Theory]
    [InlineData("two-point polygon", """[{"zoneId":"a","label":"A","points":[[0,0],[1,1]]}]""", "at least 3 points")]
    [InlineData("coordinate outside 0..1", """[{"zoneId":"a","label":"A","points":[[0,0],[1.5,0],[1,1]]}]""", "points[1]")]
    [InlineData("bow-tie polygon", """[{"zoneId":"a","label":"A","points":[[0,0],[1,1],[1,0],[0,1]]}]""", "crosses itself")]
    [InlineData("line with three points", """[{"zoneId":"a","label":"A","kind":"line","points":[[0,0],[1,1],[0,1]]}]""", "line")]
    [InlineData("warning above critical", """[{"zoneId":"a","label":"A","points":[[0,0],[1,0],[1,1]],"warning":5,"critical":2}]""", "warning")]
    [InlineData("duplicate ids", """[{"zoneId":"a","label":"A","points":[[0,0],[1,0],[1,1]]},{"zoneId":"a","label":"B","points":[[0,0],[1,0],[1,1]]}]""", "zoneId")]
    [InlineData("not JSON", "[{", "json")]
    [InlineData("not an array", """{"zoneId":"a"}""", "json")]
    public async Task PutZones_Invalid_Is400NamingTheProblem_AndKeepsTheOldZones(string label, string json, string expected)
    {
        using var client = Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long id = await client.UploadSampleAsync();
        await client.PutZonesAsync(id, AnalysisHelpers.SampleZones);

        var response = await client.PutZonesAsync(id, json);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, label);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(3, (await PortalClient.ReadJsonAsync(await client.Http.GetAsync($"/api/v1/videos/{id}/zones"))).GetArrayLength());
    }

    [Fact]
    public async Task PutZones_WithoutAntiforgery_Is400()
    {
        using var client = Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long id = await client.UploadSampleAsync();

        var response = await client.PutZonesAsync(id, AnalysisHelpers.SampleZones, withAntiforgery: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Frame_IsAJpegOfTheVideo_BadTimesAre400()
    {
        using var client = Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long id = await client.UploadSampleAsync();

        var frame = await client.Http.GetAsync($"/api/v1/videos/{id}/frame.jpg?t=12.5");
        var negative = await client.Http.GetAsync($"/api/v1/videos/{id}/frame.jpg?t=-1");
        var beyond = await client.Http.GetAsync($"/api/v1/videos/{id}/frame.jpg?t=500");
        var notANumber = await client.Http.GetAsync($"/api/v1/videos/{id}/frame.jpg?t=abc");

        Assert.Equal("image/jpeg", frame.Content.Headers.ContentType?.MediaType);
        byte[] jpeg = await frame.Content.ReadAsByteArrayAsync();
        Assert.True(jpeg.Length > 10_000 && jpeg[0] == 0xFF && jpeg[1] == 0xD8, "a real JPEG frame");
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, beyond.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notANumber.StatusCode);
    }

    [Fact]
    public async Task Models_ListsADefault()
    {
        using var client = Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();

        var models = await PortalClient.ReadJsonAsync(await client.Http.GetAsync("/api/v1/models"));

        Assert.Single(models.EnumerateArray(), m => m.GetProperty("isDefault").GetBoolean());
    }

    [Fact]
    public async Task StartAnalysis_UnknownModel_Is400_CancelWithoutAnalysis_Is409()
    {
        using var client = Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long id = await client.UploadSampleAsync();

        var unknown = await client.SendWithTokenAsync(HttpMethod.Post, $"/api/v1/videos/{id}/analysis", new { model = "no-such-model" });
        var cancel = await client.SendWithTokenAsync(HttpMethod.Delete, $"/api/v1/videos/{id}/analysis");

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("no-such-model", await unknown.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, cancel.StatusCode);
    }

    [Fact]
    public async Task AnotherUsersVideo_Is404OnZonesFrameAndAnalysis()
    {
        using var owner = Factory.CreatePortalClient();
        await owner.RegisterNewUserAsync();
        long id = await owner.UploadSampleAsync();
        await owner.PutZonesAsync(id, AnalysisHelpers.SampleZones);
        using var other = Factory.CreatePortalClient();
        await other.RegisterNewUserAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"/api/v1/videos/{id}/zones")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PutZonesAsync(id, "[]")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync($"/api/v1/videos/{id}/frame.jpg?t=1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.SendWithTokenAsync(HttpMethod.Post, $"/api/v1/videos/{id}/analysis")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.SendWithTokenAsync(HttpMethod.Delete, $"/api/v1/videos/{id}/analysis")).StatusCode);
        Assert.Equal(3, (await PortalClient.ReadJsonAsync(await owner.Http.GetAsync($"/api/v1/videos/{id}/zones"))).GetArrayLength());
    }
}

public sealed class SqliteZonesApiTests(SqlitePortal portal) : ZonesApiTests(portal), IClassFixture<SqlitePortal>;

public sealed class MariaDbZonesApiTests(MariaDbPortal portal) : ZonesApiTests(portal), IClassFixture<MariaDbPortal>;
