using System.Net;
using CrowdPortal.Vision.Models;
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
    [InlineData("two-point polygon", """[{"zoneId":"a","label":"A","points":[[0,0],[1,1]]}]""", "$[0].points", "Zone 'a', points: a polygon needs at least 3 points")]
    [InlineData("coordinate outside 0..1", """[{"zoneId":"a","label":"A","points":[[0,0],[1.5,0],[1,1]]}]""", "$[0].points[1]", "within [0, 1]")]
    [InlineData("bow-tie polygon", """[{"zoneId":"a","label":"A","points":[[0,0],[1,1],[1,0],[0,1]]}]""", "$[0].points", "crosses itself")]
    [InlineData("line with three points", """[{"zoneId":"a","label":"A","kind":"line","points":[[0,0],[1,1],[0,1]]}]""", "$[0].points", "a line needs exactly 2 points")]
    [InlineData("warning above critical", """[{"zoneId":"a","label":"A","points":[[0,0],[1,0],[1,1]],"warning":5,"critical":2}]""", "$[0].warning", "must not be above critical")]
    [InlineData("duplicate ids", """[{"zoneId":"a","label":"A","points":[[0,0],[1,0],[1,1]]},{"zoneId":"a","label":"B","points":[[0,0],[1,0],[1,1]]}]""", "$[1].zoneId", "ids must be unique")]
    [InlineData("point that is not a pair", """[{"zoneId":"a","label":"A","points":[[0,0],[1],[1,1]]}]""", "$[0].points[1]", "a pair of numbers")]
    [InlineData("a single threshold", """[{"zoneId":"a","label":"A","points":[[0,0],[1,0],[1,1]],"threshold":3}]""", "$[0].threshold", "give \"warning\" and/or \"critical\"")]
    [InlineData("a word where a number belongs", """[{"zoneId":"a","label":"A","points":[[0,0],[1,0],[1,1]],"warning":"high"}]""", "$[0].warning", "$[0].warning: must be a number.")]
    [InlineData("an unknown kind", """[{"zoneId":"a","label":"A","kind":"circle","points":[[0,0],[1,0],[1,1]]}]""", "$[0].kind", "must be one of \"polygon\", \"line\", \"mask\"")]
    [InlineData("a yes/no inertia", """[{"zoneId":"a","label":"A","points":[[0,0],[1,0],[1,1]],"inertia":true}]""", "$[0].inertia", "must be a whole number")]
    [InlineData("not JSON", "[{", "$", "is not valid JSON")]
    [InlineData("not an array", """{"zoneId":"a"}""", "$", "The request body: must be an array.")]
    public async Task PutZones_Invalid_IsAValidationProblemNamingThePlace_AndKeepsTheOldZones(string label, string json, string place, string sentence)
    {
        using var client = Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long id = await client.UploadSampleAsync();
        await client.PutZonesAsync(id, AnalysisHelpers.SampleZones);

        var response = await client.PutZonesAsync(id, json);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, label);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await PortalClient.ReadJsonAsync(response)).GetProperty("errors");
        Assert.True(errors.TryGetProperty(place, out var messages), $"{label}: no error at {place} in {errors}");
        Assert.Contains(messages.EnumerateArray(), m => m.GetString()!.Contains(sentence, StringComparison.Ordinal));
        Assert.Equal(3, (await PortalClient.ReadJsonAsync(await client.Http.GetAsync($"/api/v1/videos/{id}/zones"))).GetArrayLength());
    }

    [Fact]
    public async Task PutZones_ManyProblems_AreAllNamedInOneAnswer()
    {
        using var client = Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long id = await client.UploadSampleAsync();
        const string json = """
            [{"zoneId":"door","label":"","points":[[0,0],[1,0],[1,1]]},
             {"zoneId":"gate","label":"Gate","kind":"line","points":[[0,0],[1,1],[0,1]],"colour":"red"}]
            """;

        var problem = await PortalClient.ReadJsonAsync(await client.PutZonesAsync(id, json));

        var errors = problem.GetProperty("errors");
        Assert.Equal(new[] { "$[0].label", "$[1].colour", "$[1].points" }, errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Equal("Zone 'door', label: is required.", errors.GetProperty("$[0].label")[0].GetString());
        Assert.Contains("Zone 'gate', points:", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutZones_PropertyNamesInAnyCase_AreRead()
    {
        using var client = Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long id = await client.UploadSampleAsync();

        var put = await client.PutZonesAsync(id, """[{"ZoneId":"gate","Label":"Gate","Kind":"line","ANCHOR":"top-center","Points":[[0,0.5],[1,0.5]]}]""");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        var zone = (await PortalClient.ReadJsonAsync(put))[0];
        Assert.Equal("line", zone.GetProperty("kind").GetString());
        Assert.Equal("top-center", zone.GetProperty("anchor").GetString());
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
    public async Task Models_ListsTheImportedNanoDetAsTheOneDefault()
    {
        using var client = Factory.CreatePortalClient();
        await client.RegisterNewUserAsync();

        var models = await PortalClient.ReadJsonAsync(await client.Http.GetAsync("/api/v1/models"));

        var chosen = Assert.Single(models.EnumerateArray(), m => m.GetProperty("isDefault").GetBoolean());
        Assert.Equal(DefaultModels.NanoDetInt8, chosen.GetProperty("name").GetString());
        Assert.Equal("nanodet", chosen.GetProperty("format").GetString());
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
