using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CrowdPortal.Tests.Shared;
using Xunit.Abstractions;

namespace CrowdPortal.Cluster.Tests;

/// <summary>
/// IP cameras in cluster mode: run by exactly one worker through a lease, taken over when that worker dies; edits made on a
/// web node reach the worker that runs the camera, and the web node shows the camera's live figures.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterCameraTests(ClusterFixture cluster, ITestOutputHelper output)
{
    [Fact]
    public async Task CameraOfAKilledWorker_IsTakenOverByAnotherWithin30Seconds_AndItsCountsGoOn()
    {
        using var stream = new LoopbackMjpegServer();
        stream.Start();
        var admin = cluster.Admin;
        var created = await admin.ApiAsync(cluster.Web, HttpMethod.Post, "/api/v1/cameras", JsonContent.Create(new { name = "Loopback", url = stream.Url }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        long id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        const string zones = """[{"zoneId":"lower","label":"Lower half","kind":"polygon","points":[[0,0.5],[1,0.5],[1,1],[0,1]]}]""";
        (await admin.ApiAsync(cluster.Web, HttpMethod.Put, $"/api/v1/cameras/{id}/zones", new StringContent(zones, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        (await admin.ApiAsync(cluster.Web, HttpMethod.Post, $"/api/v1/cameras/{id}/start")).EnsureSuccessStatusCode();
        try
        {
            var owners = await WaitForOwnersAsync(id, o => o.Count == 1, TimeSpan.FromSeconds(60), "a worker leasing the camera");
            string owner = owners.Single();
            Assert.StartsWith("worker-", owner);
            double before = await WaitForCountsAfterAsync(id, after: -1, TimeSpan.FromSeconds(90));

            cluster.Workers[owner].Kill();
            var sinceKill = Stopwatch.StartNew();
            // The dead worker's entry stays on the list until it expires; the camera must show up on a live one.
            var taken = await WaitForOwnersAsync(id, o => o.Any(n => n != owner), TimeSpan.FromSeconds(60), "another worker taking the camera over");
            var takeover = sinceKill.Elapsed;
            double resumed = await WaitForCountsAfterAsync(id, after: before, TimeSpan.FromSeconds(60));
            output.WriteLine($"{owner} killed; {taken.Single(n => n != owner)} ran the camera {takeover.TotalSeconds:0.0} s later; rows went on from {before} s to {resumed} s");

            Assert.True(takeover <= TimeSpan.FromSeconds(30), $"The takeover took {takeover}.");
            Assert.Single(taken, n => n != owner);
            await cluster.ReplaceWorkerAsync(owner);
        }
        finally
        {
            await admin.ApiAsync(cluster.Web, HttpMethod.Post, $"/api/v1/cameras/{id}/stop");
        }
    }

    [Fact]
    public async Task ZoneAndPrivacyEditsOnTheWebNode_ReachTheCameraOnItsWorker_AndTheWebNodeShowsItsLiveFigures()
    {
        using var stream = new LoopbackMjpegServer();
        stream.Start();
        var admin = cluster.Admin;
        var created = await admin.ApiAsync(cluster.Web, HttpMethod.Post, "/api/v1/cameras", JsonContent.Create(new { name = "Edited", url = stream.Url }));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        long id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        const string lower = """[{"zoneId":"lower","label":"Lower half","kind":"polygon","points":[[0,0.5],[1,0.5],[1,1],[0,1]]}]""";
        const string upper = """[{"zoneId":"upper","label":"Upper half","kind":"polygon","points":[[0,0],[1,0],[1,0.5],[0,0.5]]}]""";
        (await admin.ApiAsync(cluster.Web, HttpMethod.Put, $"/api/v1/cameras/{id}/zones", new StringContent(lower, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        (await admin.ApiAsync(cluster.Web, HttpMethod.Post, $"/api/v1/cameras/{id}/start")).EnsureSuccessStatusCode();
        try
        {
            string owner = (await WaitForOwnersAsync(id, o => o.Count == 1, TimeSpan.FromSeconds(60), "a worker leasing the camera")).Single();
            await WaitForZoneRowsAsync(id, "lower", TimeSpan.FromSeconds(90));

            // The web node does not run the camera, yet shows the worker's live figures.
            var live = await WaitForCameraAsync(id, c => c.GetProperty("state").GetString() == "online" && c.GetProperty("fps").GetDouble() > 0,
                TimeSpan.FromSeconds(30), "the web node showing the camera online with its frame rate");
            output.WriteLine($"on the web node: {live}");

            // ... and its picture, which stays in the worker's memory, through Redis.
            byte[] picture = await WaitForPictureAsync(id, TimeSpan.FromSeconds(30));
            Assert.True(picture is [0xFF, 0xD8, ..], "frame.jpg on the web node is a JPEG");

            var edited = Stopwatch.StartNew();
            (await admin.ApiAsync(cluster.Web, HttpMethod.Put, $"/api/v1/cameras/{id}/zones", new StringContent(upper, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
            await WaitForZoneRowsAsync(id, "upper", TimeSpan.FromSeconds(60));
            output.WriteLine($"rows of the edited zone {edited.Elapsed.TotalSeconds:0.0} s after the edit (the fallback re-read is every 600 s)");

            var privacy = await admin.ApiAsync(cluster.Web, HttpMethod.Put, $"/api/v1/cameras/{id}/privacy", JsonContent.Create(new { level = "counts-only" }));
            Assert.Equal(HttpStatusCode.OK, privacy.StatusCode);
            // The picture made for the lower level is still in Redis for a few seconds, but is not served any more.
            Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(cluster.Web, $"/api/v1/cameras/{id}/frame.jpg")).StatusCode);
            await cluster.Workers[owner].WaitForLogAsync($"Camera {id}: pictures are made for privacy level counts-only from now on", TimeSpan.FromSeconds(30));
        }
        finally
        {
            await admin.ApiAsync(cluster.Web, HttpMethod.Post, $"/api/v1/cameras/{id}/stop");
        }
    }

    private async Task<byte[]> WaitForPictureAsync(long id, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var response = await cluster.Admin.GetAsync(cluster.Web, $"/api/v1/cameras/{id}/frame.jpg");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return await response.Content.ReadAsByteArrayAsync();
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"Camera {id}: the web node served no picture within {timeout}\n{cluster.Logs()}");
    }

    private async Task<JsonElement> WaitForCameraAsync(long id, Func<JsonElement, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonElement camera = default;
        while (DateTime.UtcNow < deadline)
        {
            camera = await cluster.Admin.ApiJsonAsync(cluster.Web, $"/api/v1/cameras/{id}");
            if (done(camera))
            {
                return camera;
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"Camera {id}: {what} did not happen within {timeout}; last: {camera}\n{cluster.Logs()}");
    }

    /// <summary>Waits until the camera has a count row for <paramref name="zone"/>.</summary>
    private async Task WaitForZoneRowsAsync(long id, string zone, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var response = await cluster.Admin.ApiAsync(cluster.Web, HttpMethod.Get, $"/api/v1/cameras/{id}/counts.csv");
            if ((await response.Content.ReadAsStringAsync()).Split('\n').Any(l => l.Split(',') is { Length: > 1 } cells && cells[1] == zone))
            {
                return;
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"Camera {id}: no count row for zone '{zone}' within {timeout}.\n{cluster.Logs()}");
    }

    private async Task<List<string>> WaitForOwnersAsync(long id, Func<List<string>, bool> done, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        List<string> owners = [];
        while (DateTime.UtcNow < deadline)
        {
            var status = await cluster.Admin.ApiJsonAsync(cluster.Web, "/api/v1/admin/status");
            owners = status.GetProperty("nodes").EnumerateArray()
                .Where(n => n.GetProperty("cameras").EnumerateArray().Any(c => c.GetInt64() == id))
                .Select(n => n.GetProperty("name").GetString()!)
                .ToList();
            if (done(owners))
            {
                return owners;
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"Camera {id}: {what} did not happen within {timeout}; owners: {string.Join(", ", owners)}\n{cluster.Logs()}");
    }

    /// <summary>Waits until the camera has a count row later than <paramref name="after"/>; returns the latest row time.</summary>
    private async Task<double> WaitForCountsAfterAsync(long id, double after, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            var response = await cluster.Admin.ApiAsync(cluster.Web, HttpMethod.Get, $"/api/v1/cameras/{id}/counts.csv");
            var rows = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Select(l => double.Parse(l.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();
            if (rows.Count > 0 && rows.Max() > after)
            {
                return rows.Max();
            }

            await Task.Delay(1000);
        }

        throw new TimeoutException($"Camera {id}: no count row after {after} s within {timeout}.\n{cluster.Logs()}");
    }
}
