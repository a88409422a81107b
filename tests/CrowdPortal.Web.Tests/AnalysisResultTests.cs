using System.Net;
using System.Text.Json;
using CrowdPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace CrowdPortal.Web.Tests;

/// <summary>
/// One real analysis of vtest.avi with a polygon, a line and a mask, run through the API on the real detector; the
/// tests read what it stored.
/// </summary>
public abstract class AnalysedVideo : IAsyncLifetime
{
    private readonly TestDatabaseKind _kind;

    protected AnalysedVideo(TestDatabaseKind kind) => _kind = kind;

    public PortalFactory Factory { get; private set; } = null!;

    public PortalClient Owner { get; private set; } = null!;

    public string OwnerName { get; private set; } = string.Empty;

    public PortalClient Other { get; private set; } = null!;

    public long VideoId { get; private set; }

    public JsonElement FinishedVideo { get; private set; }

    public async Task InitializeAsync()
    {
        Factory = new PortalFactory(_kind);
        Owner = Factory.CreatePortalClient();
        OwnerName = await Owner.RegisterNewUserAsync();
        Other = Factory.CreatePortalClient();
        await Other.RegisterNewUserAsync();
        VideoId = await Owner.UploadSampleAsync();
        Assert.Equal(HttpStatusCode.OK, (await Owner.PutZonesAsync(VideoId, AnalysisHelpers.SampleZones)).StatusCode);

        var start = await Owner.SendWithTokenAsync(HttpMethod.Post, $"/api/v1/videos/{VideoId}/analysis");
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var again = await Owner.SendWithTokenAsync(HttpMethod.Post, $"/api/v1/videos/{VideoId}/analysis");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        FinishedVideo = await Owner.WaitForStatusAsync(VideoId, TimeSpan.FromMinutes(6), "completed", "failed");
    }

    public Task DisposeAsync()
    {
        Owner.Dispose();
        Other.Dispose();
        Factory.Dispose();
        return Task.CompletedTask;
    }
}

public sealed class SqliteAnalysedVideo() : AnalysedVideo(TestDatabaseKind.Sqlite);

public sealed class MariaDbAnalysedVideo() : AnalysedVideo(TestDatabaseKind.MariaDb);

public abstract class AnalysisResultTests(AnalysedVideo analysed)
{
    private const int Intervals = 80; // 795 frames at 10 fps = 79.5 s: intervals [0,1) … [79,80)

    private long Id => analysed.VideoId;

    [Fact]
    public void Analysis_Completes_OverEveryFrame()
    {
        var video = analysed.FinishedVideo;
        Assert.Equal("completed", video.GetProperty("status").GetString());
        Assert.Equal(1.0, video.GetProperty("progress").GetDouble());
        Assert.Equal(795, video.GetProperty("analysedFrames").GetInt32());
        Assert.True(video.GetProperty("analysisSeconds").GetDouble() > 0);
    }

    [Fact]
    public async Task Counts_HaveOneSamplePerZonePerSecond_ForZonesAndTheWholeFrame_NotForMasks()
    {
        var counts = await PortalClient.ReadJsonAsync(await analysed.Owner.Http.GetAsync($"/api/v1/videos/{Id}/counts?maxPoints=5000"));

        var series = counts.GetProperty("series").EnumerateArray().ToDictionary(s => s.GetProperty("zoneId").GetString()!);
        Assert.Equal(["crossing", "frame", "lower"], series.Keys.Order().ToArray());
        foreach (var (zone, s) in series)
        {
            var ts = s.GetProperty("samples").EnumerateArray().Select(p => p.GetProperty("ts").GetDouble()).ToList();
            Assert.True(ts.Count == Intervals, $"{zone}: {ts.Count} samples");
            Assert.Equal(Enumerable.Range(0, Intervals).Select(i => (double)i), ts);
        }

        var people = series["frame"].GetProperty("samples").EnumerateArray().Select(p => p.GetProperty("current").GetInt32()).ToList();
        Assert.InRange(people.Max(), 2, 15);
        Assert.True(people.Average() > 1, "vtest.avi has people in most seconds");
        int crossings = series["crossing"].GetProperty("samples").EnumerateArray().Sum(p => p.GetProperty("entries").GetInt32() + p.GetProperty("exits").GetInt32());
        Assert.True(crossings > 0, "people walk across the middle of the frame");
    }

    [Fact]
    public async Task Counts_AreDownsampledOnTheServer_KeepingPeaks()
    {
        var full = await PortalClient.ReadJsonAsync(await analysed.Owner.Http.GetAsync($"/api/v1/videos/{Id}/counts?zone=lower&maxPoints=5000"));
        var small = await PortalClient.ReadJsonAsync(await analysed.Owner.Http.GetAsync($"/api/v1/videos/{Id}/counts?zone=lower&maxPoints=10"));

        var fullSamples = full.GetProperty("series")[0].GetProperty("samples").EnumerateArray().ToList();
        var smallSamples = small.GetProperty("series")[0].GetProperty("samples").EnumerateArray().ToList();
        Assert.Single(small.GetProperty("series").EnumerateArray());
        Assert.InRange(smallSamples.Count, 2, 10);
        Assert.Equal(fullSamples.Max(p => p.GetProperty("peak").GetInt32()), smallSamples.Max(p => p.GetProperty("peak").GetInt32()));
        Assert.Equal(fullSamples.Sum(p => p.GetProperty("entries").GetInt32()), smallSamples.Sum(p => p.GetProperty("entries").GetInt32()));
        Assert.Equal(8.0, small.GetProperty("bucketSeconds").GetDouble());
    }

    [Theory]
    [InlineData("from=10&to=5")]
    [InlineData("from=-1")]
    [InlineData("maxPoints=1")]
    [InlineData("maxPoints=100000")]
    public async Task Counts_BadQuery_Is400(string query)
    {
        var response = await analysed.Owner.Http.GetAsync($"/api/v1/videos/{Id}/counts?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task CountsCsv_HasTheDocumentedColumns_AndARowPerZonePerInterval()
    {
        var response = await analysed.Owner.Http.GetAsync($"/api/v1/videos/{Id}/counts.csv");

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"counts-{Id}-vtest.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("time_s,zone_id,label,current,peak,entries,exits,density,level", lines[0]);
        Assert.Equal(Intervals * 3, lines.Length - 1);
        Assert.Contains(lines, l => l.StartsWith("10,lower,Lower half,", StringComparison.Ordinal));
    }

    [Fact]
    public void CsvLog_OfTheUser_GrowsAsCountsAreStored()
    {
        string log = Directory.GetFiles(analysed.Factory.UploadsRoot, "counts_log.csv", SearchOption.AllDirectories).Single();
        var lines = File.ReadAllLines(log);

        Assert.Equal("video_id,video_name,time_s,zone_id,label,current,peak,entries,exits,density,level", lines[0]);
        Assert.Equal(Intervals * 3, lines.Length - 1);
        Assert.All(lines.Skip(1), l => Assert.StartsWith($"{Id},vtest.avi,", l));
    }

    [Fact]
    public async Task Alerts_FireForALowThreshold_AndCanBeAcknowledgedByTheOwnerOnly()
    {
        var alerts = await PortalClient.ReadJsonAsync(await analysed.Owner.Http.GetAsync($"/api/v1/videos/{Id}/alerts"));

        Assert.NotEqual(0, alerts.GetArrayLength());
        var first = alerts[0];
        Assert.Equal("lower", first.GetProperty("zoneId").GetString());
        Assert.Contains(first.GetProperty("level").GetString(), new[] { "warning", "critical" });
        Assert.Equal("people", first.GetProperty("unit").GetString());
        Assert.True(first.GetProperty("peakValue").GetDouble() >= 1);
        long alertId = first.GetProperty("id").GetInt64();

        var stranger = await analysed.Other.SendWithTokenAsync(HttpMethod.Post, $"/api/v1/alerts/{alertId}/acknowledge");
        var ack = await analysed.Owner.SendWithTokenAsync(HttpMethod.Post, $"/api/v1/alerts/{alertId}/acknowledge");

        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        Assert.Equal(analysed.OwnerName, (await PortalClient.ReadJsonAsync(ack)).GetProperty("acknowledgedBy").GetString());
        var acknowledged = await PortalClient.ReadJsonAsync(await analysed.Owner.Http.GetAsync($"/api/v1/alerts?videoId={Id}&acknowledged=true"));
        Assert.Contains(acknowledged.EnumerateArray(), a => a.GetProperty("id").GetInt64() == alertId);
        Assert.Equal(0, (await PortalClient.ReadJsonAsync(await analysed.Other.Http.GetAsync("/api/v1/alerts"))).GetArrayLength());
    }

    [Fact]
    public async Task Heatmap_IsAPng()
    {
        var response = await analysed.Owner.Http.GetAsync($"/api/v1/videos/{Id}/heatmap.png");

        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        byte[] png = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
    }

    [Fact]
    public async Task Tracks_ReplayThePeopleOfAFrame()
    {
        var frame = await PortalClient.ReadJsonAsync(await analysed.Owner.Http.GetAsync($"/api/v1/videos/{Id}/tracks?t=20"));

        Assert.Equal(200, frame.GetProperty("frame").GetInt64());
        var people = frame.GetProperty("people").EnumerateArray().ToList();
        Assert.NotEmpty(people);
        Assert.All(people, p =>
        {
            Assert.InRange(p.GetProperty("x1").GetDouble(), 0, 1);
            Assert.InRange(p.GetProperty("y2").GetDouble(), 0, 1);
            Assert.True(p.GetProperty("id").GetInt32() > 0);
        });
    }

    [Theory]
    [InlineData("counts")]
    [InlineData("counts.csv")]
    [InlineData("alerts")]
    [InlineData("heatmap.png")]
    [InlineData("tracks?t=1")]
    public async Task Results_OfAnotherUsersVideo_Are404(string resource)
    {
        var response = await analysed.Other.Http.GetAsync($"/api/v1/videos/{Id}/{resource}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Hub_RefusesToStreamAnotherUsersVideo_AndAcceptsTheOwner()
    {
        await using var stranger = Connect(analysed.Other);
        await using var owner = Connect(analysed.Owner);
        await stranger.StartAsync();
        await owner.StartAsync();

        var refused = await Assert.ThrowsAsync<HubException>(() => stranger.InvokeAsync("Watch", Id));
        await owner.InvokeAsync("Watch", Id);

        Assert.Contains("no such video", refused.Message);
    }

    private HubConnection Connect(PortalClient client) => new HubConnectionBuilder()
        .WithUrl(new Uri(analysed.Factory.Server.BaseAddress, "/hubs/analysis"), o =>
        {
            o.HttpMessageHandlerFactory = _ => analysed.Factory.Server.CreateHandler();
            o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.LongPolling;
            o.Headers["Cookie"] = client.CookieHeader;
        })
        .Build();
}

public sealed class SqliteAnalysisResultTests(SqliteAnalysedVideo analysed) : AnalysisResultTests(analysed), IClassFixture<SqliteAnalysedVideo>;

public sealed class MariaDbAnalysisResultTests(MariaDbAnalysedVideo analysed) : AnalysisResultTests(analysed), IClassFixture<MariaDbAnalysedVideo>;
