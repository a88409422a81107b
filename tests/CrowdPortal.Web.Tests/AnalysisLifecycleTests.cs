using System.Net;
using CrowdPortal.Tests.Shared;
using CrowdPortal.Vision.Models;
using CrowdPortal.Web.Tests.Infrastructure;

namespace CrowdPortal.Web.Tests;

/// <summary>Cancelling, deleting and restarting around a running analysis.</summary>
public sealed class AnalysisLifecycleTests
{
    /// <summary>Every 10th frame through the detector: the whole video is still read, but a run takes seconds.</summary>
    private static readonly Dictionary<string, string?> Quick = new() { ["Analysis:FrameStride"] = "10" };

    [Fact]
    public async Task Cancel_StopsARunningAnalysis()
    {
        using var factory = new PortalFactory(TestDatabaseKind.Sqlite, new Dictionary<string, string?> { ["Analysis:FrameStride"] = "1" });
        using var client = factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long id = await client.UploadSampleAsync();
        await client.SendWithTokenAsync(HttpMethod.Post, $"/api/v1/videos/{id}/analysis");
        await client.WaitForStatusAsync(id, TimeSpan.FromMinutes(2), "analysing");

        var cancel = await client.SendWithTokenAsync(HttpMethod.Delete, $"/api/v1/videos/{id}/analysis");

        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        var video = await client.WaitForStatusAsync(id, TimeSpan.FromMinutes(1), "cancelled", "completed");
        Assert.Equal("cancelled", video.GetProperty("status").GetString());
        Assert.True(video.GetProperty("analysedFrames").GetInt32() < 795);
    }

    [Fact]
    public async Task Delete_AfterAnalysis_RemovesTheVideoItsRowsAndItsDerivedFiles()
    {
        using var factory = new PortalFactory(TestDatabaseKind.Sqlite, Quick);
        using var client = factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long id = await client.UploadSampleAsync();
        await client.PutZonesAsync(id, AnalysisHelpers.SampleZones);
        await client.SendWithTokenAsync(HttpMethod.Post, $"/api/v1/videos/{id}/analysis");
        await client.WaitForStatusAsync(id, TimeSpan.FromMinutes(3), "completed");
        Assert.Contains(factory.StoredFiles(), f => f.EndsWith(".heatmap.png", StringComparison.Ordinal));
        Assert.Contains(factory.StoredFiles(), f => f.EndsWith(".tracks.csv", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteVideoAsync(id)).StatusCode);

        Assert.Equal(new[] { "counts_log.csv" }, factory.StoredFiles().Select(f => Path.GetFileName(f)).ToArray());
        Assert.Equal(HttpStatusCode.NotFound, (await client.Http.GetAsync($"/api/v1/videos/{id}/counts")).StatusCode);
        Assert.Equal(0, (await PortalClient.ReadJsonAsync(await client.Http.GetAsync("/api/v1/alerts"))).GetArrayLength());
    }

    [Fact]
    public async Task HostStoppedMidAnalysis_RunsAgainAtStart_WithExactlyOneRowPerZonePerInterval()
    {
        string workDir = Directory.CreateTempSubdirectory("crowdportal-restart-").FullName;
        var settings = new Dictionary<string, string?> { ["Analysis:FrameStride"] = "2" };
        try
        {
            long id;
            string user;
            using (var first = new PortalFactory(TestDatabaseKind.Sqlite, settings, workDir))
            {
                using var client = first.CreatePortalClient();
                user = await client.RegisterNewUserAsync();
                id = await client.UploadSampleAsync();
                await client.PutZonesAsync(id, AnalysisHelpers.SampleZones);
                await client.SendWithTokenAsync(HttpMethod.Post, $"/api/v1/videos/{id}/analysis");
                await WaitForProgressAsync(client, id, 0.2);
            }

            using var second = new PortalFactory(TestDatabaseKind.Sqlite, settings, workDir);
            using var again = second.CreatePortalClient();
            Assert.Equal(HttpStatusCode.Redirect, (await again.LoginAsync(user)).StatusCode);
            var video = await again.WaitForStatusAsync(id, TimeSpan.FromMinutes(5), "completed", "failed");

            Assert.Equal("completed", video.GetProperty("status").GetString());
            var lines = (await again.Http.GetStringAsync($"/api/v1/videos/{id}/counts.csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
            var keys = lines.Select(l => string.Join(',', l.Split(',').Take(2))).ToList();
            Assert.Equal(80 * 3, lines.Count);
            Assert.Equal(keys.Count, keys.Distinct().Count());
        }
        finally
        {
            Directory.Delete(workDir, recursive: true);
        }
    }

    [Fact]
    public async Task AnalysisWithAModelRemovedSinceItWasChosen_FailsSayingSo_InsteadOfCountingWithAnother()
    {
        // A models folder of its own, so a model can be removed: "doomed" is NanoDet under another name.
        string models = Directory.CreateTempSubdirectory("crowdportal-models-").FullName;
        try
        {
            string repoModels = Path.Combine(RepoPaths.Root, "models");
            foreach (string name in (string[])[DefaultModels.NanoDet, "doomed"])
            {
                File.CreateSymbolicLink(Path.Combine(models, name + ".onnx"), Path.Combine(repoModels, DefaultModels.NanoDet + ".onnx"));
                File.Copy(Path.Combine(repoModels, DefaultModels.NanoDet + ".json"), Path.Combine(models, name + ".json"));
            }

            using var factory = new PortalFactory(TestDatabaseKind.Sqlite, new Dictionary<string, string?> { ["Analysis:ModelsPath"] = models });
            using var client = factory.CreatePortalClient();
            await client.RegisterNewUserAsync();
            long running = await client.UploadSampleAsync();
            long queued = await client.UploadSampleAsync();
            await client.SendWithTokenAsync(HttpMethod.Post, $"/api/v1/videos/{running}/analysis");
            await client.WaitForStatusAsync(running, TimeSpan.FromMinutes(2), "analysing");
            // One analysis at a time: this one waits in the queue while its model is removed.
            var start = await client.SendWithTokenAsync(HttpMethod.Post, $"/api/v1/videos/{queued}/analysis", new { model = "doomed" });
            Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
            File.Delete(Path.Combine(models, "doomed.onnx"));
            File.Delete(Path.Combine(models, "doomed.json"));

            await client.SendWithTokenAsync(HttpMethod.Delete, $"/api/v1/videos/{running}/analysis");
            var video = await client.WaitForStatusAsync(queued, TimeSpan.FromMinutes(2), "failed", "completed");

            Assert.Equal("failed", video.GetProperty("status").GetString());
            Assert.Contains("'doomed' is no longer installed", video.GetProperty("error").GetString(), StringComparison.Ordinal);
            Assert.Equal(0, video.GetProperty("analysedFrames").GetInt32());
        }
        finally
        {
            Directory.Delete(models, recursive: true);
        }
    }

    private static async Task WaitForProgressAsync(PortalClient client, long id, double atLeast)
    {
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            var video = await PortalClient.ReadJsonAsync(await client.Http.GetAsync($"/api/v1/videos/{id}"));
            Assert.NotEqual("completed", video.GetProperty("status").GetString());
            if (video.GetProperty("progress").GetDouble() >= atLeast)
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The analysis made no progress.");
    }
}
