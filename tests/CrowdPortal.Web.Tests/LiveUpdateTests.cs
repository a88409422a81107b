using System.Collections.Concurrent;
using System.Text.Json;
using CrowdPortal.Web.Hubs;
using CrowdPortal.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Xunit.Abstractions;

namespace CrowdPortal.Web.Tests;

/// <summary>A page watching an analysis over SignalR gets progress, frames with boxes and zone counts, samples and the end.</summary>
public sealed class LiveUpdateTests(ITestOutputHelper output)
{
    [Fact]
    public async Task WatchingClient_ReceivesProgressFramesSamplesAndCompletion()
    {
        using var factory = new PortalFactory(TestDatabaseKind.Sqlite, new Dictionary<string, string?> { ["Analysis:FrameStride"] = "5" });
        using var client = factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long id = await client.UploadSampleAsync();
        await client.PutZonesAsync(id, AnalysisHelpers.SampleZones);
        var frames = new ConcurrentQueue<(JsonElement Message, long ReceivedAtMs)>();
        var samples = new ConcurrentQueue<JsonElement>();
        var progress = new ConcurrentQueue<JsonElement>();
        var completed = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(factory.Server.BaseAddress, "/hubs/analysis"), o =>
            {
                // WebSockets, as a browser would use, over the in-memory test server.
                o.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
                o.WebSocketFactory = async (context, ct) =>
                {
                    var ws = factory.Server.CreateWebSocketClient();
                    ws.ConfigureRequest = r => r.Headers["Cookie"] = client.CookieHeader;
                    return await ws.ConnectAsync(context.Uri, ct);
                };
            })
            .Build();
        hub.On<JsonElement>(nameof(IAnalysisClient.Frame), m => frames.Enqueue((m, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())));
        hub.On<JsonElement>(nameof(IAnalysisClient.Samples), samples.Enqueue);
        hub.On<JsonElement>(nameof(IAnalysisClient.Progress), progress.Enqueue);
        hub.On<JsonElement>(nameof(IAnalysisClient.Completed), m => completed.TrySetResult(m));
        await hub.StartAsync();
        await hub.InvokeAsync("Watch", id);

        await client.SendWithTokenAsync(HttpMethod.Post, $"/api/v1/videos/{id}/analysis");
        var end = await completed.Task.WaitAsync(TimeSpan.FromMinutes(4));

        Assert.Equal("completed", end.GetProperty("status").GetString());
        Assert.Contains(progress, p => p.GetProperty("progress").GetDouble() is > 0 and < 1);
        Assert.NotEmpty(frames);
        var withPeople = frames.Select(f => f.Message).First(m => m.GetProperty("tracks").GetArrayLength() > 0);
        var box = withPeople.GetProperty("tracks")[0];
        Assert.InRange(box.GetProperty("x2").GetDouble(), 0, 1);
        Assert.Contains(withPeople.GetProperty("zones").EnumerateArray(), z => z.GetProperty("zoneId").GetString() == "lower");
        Assert.Contains(samples, s => s.GetProperty("samples").EnumerateArray().Any(x => x.GetProperty("zoneId").GetString() == "lower"));

        // Measured, not asserted (the target lives in the issue notes): time from the pipeline to this client.
        var delays = frames.Select(f => f.ReceivedAtMs - f.Message.GetProperty("producedAtMs").GetInt64()).Order().ToList();
        output.WriteLine($"live frame delivery over {delays.Count} frames: median {delays[delays.Count / 2]} ms, p95 {delays[(int)(delays.Count * 0.95)]} ms");
    }
}
