using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrowdPortal.Web.Analysis;

/// <summary>
/// Runs queued analyses in the background, at most <see cref="AnalysisSettings.MaxConcurrent"/> at a time. At start-up
/// it queues again every video whose analysis was queued or running when the app last stopped (or crashed).
/// </summary>
public sealed class AnalysisHostedService(
    AnalysisQueue queue,
    AnalysisJob job,
    IServiceScopeFactory scopes,
    IOptions<AnalysisSettings> settings,
    ILogger<AnalysisHostedService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RequeueInterruptedAsync(stoppingToken);
        int workers = Math.Max(1, settings.Value.MaxConcurrent);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => WorkAsync(stoppingToken)));
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (long videoId in queue.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await job.RunAsync(videoId, queue.TokenFor(videoId), stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Analysis worker failed on video {VideoId}", videoId);
                }
                finally
                {
                    queue.Complete(videoId);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    private async Task RequeueInterruptedAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
        var interrupted = await db.Videos
            .Where(v => v.Status == VideoStatus.Queued || v.Status == VideoStatus.Analysing)
            .OrderBy(v => v.Id)
            .Select(v => v.Id)
            .ToListAsync(stoppingToken);
        foreach (long id in interrupted)
        {
            logger.LogInformation("Video {VideoId} was being analysed when the app stopped; analysing it again", id);
            queue.TryEnqueue(id);
        }
    }
}
