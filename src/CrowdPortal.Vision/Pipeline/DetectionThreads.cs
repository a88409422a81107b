using System.Collections.Concurrent;

namespace CrowdPortal.Vision.Pipeline;

/// <summary>
/// Dedicated threads that run detections handed to them, one at a time each, completing a task per job. Not the .NET
/// thread pool: a detection keeps a core busy for tens of milliseconds, and pool threads blocked that long starve the
/// decode loop and the counting continuations (measured on a loaded 2-core machine: twice the wall time for the same
/// CPU). Started per analysis run, joined when it ends.
/// </summary>
internal sealed class DetectionThreads<T> : IDisposable
{
    private readonly BlockingCollection<Job> _jobs = [];
    private readonly Thread[] _threads;

    public DetectionThreads(int count, string name)
    {
        _threads = new Thread[count];
        for (int i = 0; i < count; i++)
        {
            _threads[i] = new Thread(Work) { IsBackground = true, Name = $"{name} {i + 1}" };
            _threads[i].Start();
        }
    }

    /// <summary>Queues <paramref name="work"/> for the next free thread; the task completes with its result or exception.</summary>
    public Task<T> Run(Func<T> work)
    {
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _jobs.Add(new Job(work, completion));
        return completion.Task;
    }

    /// <summary>Lets queued jobs finish, then ends the threads.</summary>
    public void Dispose()
    {
        _jobs.CompleteAdding();
        foreach (Thread thread in _threads)
        {
            thread.Join();
        }

        _jobs.Dispose();
    }

    private void Work()
    {
        foreach (Job job in _jobs.GetConsumingEnumerable())
        {
            try
            {
                job.Completion.SetResult(job.Work());
            }
            catch (Exception ex)
            {
                job.Completion.SetException(ex);
            }
        }
    }

    private sealed record Job(Func<T> Work, TaskCompletionSource<T> Completion);
}
