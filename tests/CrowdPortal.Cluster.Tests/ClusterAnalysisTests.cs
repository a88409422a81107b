using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using CrowdPortal.Web.Hubs;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace CrowdPortal.Cluster.Tests;

/// <summary>Upload analyses in cluster mode: queued on the web node, run by a worker, failed over, cancelled.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ClusterAnalysisTests(ClusterFixture cluster, ITestOutputHelper output)
{
    private static readonly TimeSpan AnalysisTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Upload_IsAnalysedByAWorker_AndItsProgressReachesTheWebNodesHub()
    {
        var admin = cluster.Admin;
        long id = await admin.UploadSampleWithZonesAsync(cluster.Web);
        var progress = new ConcurrentQueue<JsonElement>();
        var samples = new ConcurrentQueue<JsonElement>();
        var completed = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var hub = new HubConnectionBuilder()
            .WithUrl(cluster.Web.BaseUrl + "/hubs/analysis", o => o.Headers["Cookie"] = admin.CookieHeader(cluster.Web))
            .Build();
        hub.On<JsonElement>(nameof(IAnalysisClient.Progress), progress.Enqueue);
        hub.On<JsonElement>(nameof(IAnalysisClient.Samples), samples.Enqueue);
        hub.On<JsonElement>(nameof(IAnalysisClient.Completed), m => completed.TrySetResult(m));
        await hub.StartAsync();
        await hub.InvokeAsync("Watch", id);

        var clock = Stopwatch.StartNew();
        await admin.StartAnalysisAsync(cluster.Web, id);
        string runner = await RunnerOfAsync(admin, id);

        var end = await completed.Task.WaitAsync(AnalysisTimeout);
        output.WriteLine($"POST to completed: {clock.Elapsed.TotalSeconds:0.0} s on {runner}");

        Assert.Equal("completed", end.GetProperty("status").GetString());
        Assert.StartsWith("worker-", runner);
        Assert.Contains(progress, p => p.GetProperty("progress").GetDouble() is > 0 and < 1);
        Assert.NotEmpty(samples);
        Assert.DoesNotContain($"Analysis of video {id} started", cluster.Web.Log, StringComparison.Ordinal);
        AssertOneRowPerZonePerSecond(await admin.CountRowsAsync(cluster.Web, id));
    }

    [Fact]
    public async Task WorkerKilledMidJob_AnotherWorkerCompletesIt_WithOneRowPerZonePerSecond()
    {
        var admin = cluster.Admin;
        long id = await admin.UploadSampleWithZonesAsync(cluster.Web);
        await admin.StartAnalysisAsync(cluster.Web, id);
        await admin.WaitForVideoAsync(cluster.Web, id, AnalysisTimeout, v => v.GetProperty("progress").GetDouble() >= 0.2, "20 % analysed");
        string runner = await RunnerOfAsync(admin, id);
        var victim = cluster.Workers[runner];
        var survivor = cluster.Workers.Values.Single(w => w != victim);

        victim.Kill();
        var sinceKill = Stopwatch.StartNew();
        var done = await admin.WaitForVideoAsync(cluster.Web, id, TimeSpan.FromMinutes(3), v => v.GetProperty("status").GetString() is "completed" or "failed", "the failover");
        var failover = sinceKill.Elapsed;
        output.WriteLine($"killed {runner} at 20 %; completed by {survivor.Name} {failover.TotalSeconds:0.0} s later");
        await cluster.ReplaceWorkerAsync(runner);

        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.True(failover < TimeSpan.FromMinutes(2), $"The failover took {failover}.");
        Assert.Contains($"Analysis of video {id} started", survivor.Log, StringComparison.Ordinal);
        AssertOneRowPerZonePerSecond(await admin.CountRowsAsync(cluster.Web, id));
    }

    [Fact]
    public async Task CancelOnTheWebNode_StopsTheJobOnTheWorker_WithinFiveSeconds()
    {
        var admin = cluster.Admin;
        long id = await admin.UploadSampleWithZonesAsync(cluster.Web);
        await admin.StartAnalysisAsync(cluster.Web, id);
        await admin.WaitForVideoAsync(cluster.Web, id, AnalysisTimeout, v => v.GetProperty("progress").GetDouble() >= 0.05, "5 % analysed");
        var worker = cluster.Workers[await RunnerOfAsync(admin, id)];

        var clock = Stopwatch.StartNew();
        var cancel = await admin.ApiAsync(cluster.Web, HttpMethod.Delete, $"/api/v1/videos/{id}/analysis");
        Assert.True(cancel.IsSuccessStatusCode, $"Cancel answered {cancel.StatusCode}.");
        await worker.WaitForLogAsync($"Analysis of video {id} cancelled", TimeSpan.FromSeconds(5));
        output.WriteLine($"the worker stopped {clock.Elapsed.TotalSeconds:0.00} s after Cancel");

        var video = await admin.WaitForVideoAsync(cluster.Web, id, TimeSpan.FromSeconds(10), v => v.GetProperty("status").GetString() != "analysing", "the cancelled status");
        Assert.Equal("cancelled", video.GetProperty("status").GetString());
        // The worker's entry in the node list (rewritten every 5 s) no longer shows the video either.
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await admin.NodeAnalysingAsync(cluster.Web, id) is not null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
        }

        Assert.Null(await admin.NodeAnalysingAsync(cluster.Web, id));
    }

    /// <summary>Every zone has exactly one row for each second from 0 to the end of the video: none missing, none twice.</summary>
    private static void AssertOneRowPerZonePerSecond(List<(string Zone, double Second)> rows)
    {
        Assert.NotEmpty(rows);
        foreach (var zone in rows.GroupBy(r => r.Zone))
        {
            var seconds = zone.Select(r => r.Second).Order().ToList();
            Assert.Equal(seconds.Count, seconds.Distinct().Count());
            Assert.Equal(Enumerable.Range(0, seconds.Count).Select(s => (double)s), seconds);
            Assert.InRange(seconds[^1], 78, 80); // vtest.avi lasts 79.5 s
        }
    }

    /// <summary>
    /// The worker that took the video's job: the one whose log says it started it (at once, even when the analysis is
    /// already over — it takes seconds now), else the node list, which is rewritten only every 5 s.
    /// </summary>
    private async Task<string> RunnerOfAsync(NodeClient admin, long id)
    {
        string started = $"Analysis of video {id} started";
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (DateTime.UtcNow < deadline)
        {
            if (cluster.Workers.FirstOrDefault(w => w.Value.Log.Contains(started, StringComparison.Ordinal)).Key is { } fromLog)
            {
                return fromLog;
            }

            if (await admin.NodeAnalysingAsync(cluster.Web, id) is { } runner)
            {
                return runner;
            }

            await Task.Delay(250);
        }

        throw new InvalidOperationException("No worker started the video's analysis, and no node lists it.");
    }
}
