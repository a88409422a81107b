using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using Hangfire;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;

namespace CrowdPortal.Web.Analysis;

/// <summary>
/// When a worker starts: every video whose row says queued or analysing but whose job is gone (the single-process
/// portal keeps jobs in memory, so a restart loses them; a cluster's Redis may have been emptied) is queued again and
/// runs from the beginning (its rows are replaced, never duplicated). A job of a worker that died is not gone: the
/// job storage gives it to another worker by itself. A job deleted by Cancel whose row was never told is marked cancelled.
/// </summary>
internal sealed class AnalysisRecovery(IServiceScopeFactory scopes, AnalysisJobs jobs, JobStorage storage, ILogger<AnalysisRecovery> logger) : BackgroundService
{
    private static readonly TimeSpan DatabaseRetry = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                // One worker at a time, so two workers starting together never queue the same video twice.
                using var connection = storage.GetConnection();
                using var gate = connection.AcquireDistributedLock("crowdportal:analysis-recovery", TimeSpan.FromMinutes(1));
                await RecoverAsync(stoppingToken);
                return;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Cannot look for interrupted analyses yet; retrying");
                await Task.Delay(DatabaseRetry, stoppingToken);
            }
        }
    }

    private async Task RecoverAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
        var interrupted = await db.Videos
            .Where(v => v.SourceKind == VideoSourceKind.Upload && (v.Status == VideoStatus.Queued || v.Status == VideoStatus.Analysing))
            .OrderBy(v => v.Id)
            .Select(v => v.Id)
            .ToListAsync(stoppingToken);
        foreach (long id in interrupted)
        {
            string? state = jobs.StateOf(id);
            if (state == EnqueuedState.StateName || state == ProcessingState.StateName || state == ScheduledState.StateName || state == AwaitingState.StateName)
            {
                continue; // waiting or running somewhere (a dead worker's job comes back by itself)
            }

            if (state == DeletedState.StateName)
            {
                await db.Videos.Where(v => v.Id == id)
                    .ExecuteUpdateAsync(s => s.SetProperty(v => v.Status, VideoStatus.Cancelled).SetProperty(v => v.AnalysisFinishedAt, DateTime.UtcNow), stoppingToken);
                continue;
            }

            logger.LogInformation("Video {VideoId} was being analysed when the app stopped; analysing it again", id);
            jobs.Enqueue(id);
        }
    }
}
