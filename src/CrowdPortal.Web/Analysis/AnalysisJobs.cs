using System.Globalization;
using CrowdPortal.Web.Cluster;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;
using Hangfire.Storage;

namespace CrowdPortal.Web.Analysis;

/// <summary>
/// Upload analyses as Hangfire jobs on the <c>analysis</c> queue: in this process's memory in the single-process
/// portal, in Redis in cluster mode, where any worker may run them. Each video's newest job id is kept in a storage
/// hash, so Cancel pressed on any web node finds the job wherever it is.
/// </summary>
public sealed class AnalysisJobs(IBackgroundJobClient client, JobStorage storage)
{
    private const string JobsByVideo = ClusterServiceCollectionExtensions.RedisPrefix + "analysis-jobs";

    public enum CancelOutcome
    {
        /// <summary>No job waits or runs for the video.</summary>
        NothingToCancel,

        /// <summary>The job had not started; it never will.</summary>
        Dequeued,

        /// <summary>The job runs; its worker sees the cancellation within a second or two and records it.</summary>
        Stopping,
    }

    public void Enqueue(long videoId)
    {
        var job = Job.FromExpression<AnalysisJob>(j => j.RunAsync(videoId, null, CancellationToken.None));
        string jobId = client.Create(job, new EnqueuedState(ClusterServiceCollectionExtensions.AnalysisQueue));
        using var connection = storage.GetConnection();
        connection.SetRangeInHash(JobsByVideo, [new(Key(videoId), jobId)]);
    }

    /// <summary>The video's job state (Enqueued, Processing, Succeeded, Deleted...), or null when it has none.</summary>
    public string? StateOf(long videoId)
    {
        using var connection = storage.GetConnection();
        string? jobId = JobIdOf(connection, videoId);
        return jobId is null ? null : connection.GetStateData(jobId)?.Name;
    }

    public CancelOutcome Cancel(long videoId)
    {
        string? jobId;
        using (var connection = storage.GetConnection())
        {
            jobId = JobIdOf(connection, videoId);
        }

        if (jobId is null)
        {
            return CancelOutcome.NothingToCancel;
        }

        // Deleted only from the state it was seen in, so a job that starts meanwhile is handled as a running one.
        if (client.ChangeState(jobId, new DeletedState(), EnqueuedState.StateName))
        {
            return CancelOutcome.Dequeued;
        }

        return client.ChangeState(jobId, new DeletedState(), ProcessingState.StateName) ? CancelOutcome.Stopping : CancelOutcome.NothingToCancel;
    }

    private static string? JobIdOf(IStorageConnection connection, long videoId) =>
        connection is JobStorageConnection storageConnection
            ? storageConnection.GetValueFromHash(JobsByVideo, Key(videoId))
            : connection.GetAllEntriesFromHash(JobsByVideo)?.GetValueOrDefault(Key(videoId));

    private static string Key(long videoId) => videoId.ToString(CultureInfo.InvariantCulture);
}
