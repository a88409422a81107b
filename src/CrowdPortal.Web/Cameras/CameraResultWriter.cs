using System.Threading.Channels;
using CrowdPortal.Core.Alerts;
using CrowdPortal.Core.Counting;
using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using CrowdPortal.Vision.Pipeline;
using CrowdPortal.Web.Analysis;
using CrowdPortal.Web.Notifications;
using CrowdPortal.Web.ViewModels;
using Microsoft.EntityFrameworkCore;

namespace CrowdPortal.Web.Cameras;

/// <summary>
/// Stores a live camera's results into the same <c>zone_counts</c> and <c>alerts</c> tables as a video's, and tells the
/// watching pages. Unlike a video's writer it never gives up on the database: a failed write is retried with back-off
/// while later results wait in a bounded buffer (<see cref="CameraSettings.BufferedBatches"/>); what does not fit is
/// dropped and counted (<see cref="CameraLiveState.DroppedSamples"/>, persisted on the camera row). A retried sample write
/// replaces the rows of its intervals, so an outage neither loses nor duplicates an interval that was buffered.
/// Times are shifted by <c>timeOffsetSeconds</c> so a camera's rows are seconds since the camera was added.
/// Work is handed over as typed items; writing begins at <see cref="Start"/>.
/// </summary>
internal sealed class CameraResultWriter : AnalysisSink
{
    private static readonly TimeSpan StatusEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    private readonly Channel<Work> _work;
    private readonly IServiceScopeFactory _scopes;
    private readonly long _videoId;
    private readonly string _videoName;
    private readonly EventSubject _subject;
    private readonly ZoneLabels _zones;
    private readonly double _offset;
    private readonly AnalysisNotifier _notifier;
    private readonly CameraLiveState _state;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _abandon = new();
    private Task _writer = Task.CompletedTask;
    private (CameraConnection? Connection, DateTime? LastFrameAt, long Dropped) _persisted;
    private bool _warnedFull;

    public CameraResultWriter(
        IServiceScopeFactory scopes, Video camera, ZoneLabels zones, double timeOffsetSeconds, AnalysisNotifier notifier,
        CameraLiveState state, int capacity, ILogger logger)
    {
        _scopes = scopes;
        _videoId = camera.Id;
        _videoName = camera.FileName;
        _subject = EventSubject.From(camera);
        _zones = zones;
        _offset = timeOffsetSeconds;
        _notifier = notifier;
        _state = state;
        _logger = logger;
        _persisted = (camera.ConnectionState, camera.LastFrameAt, camera.DroppedSamples);
        _work = Channel.CreateBounded<Work>(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.Wait });
    }

    /// <summary>One batch to store, in the order handed over; <c>Samples</c> is what is lost if it is dropped.</summary>
    private abstract record Work(int Samples)
    {
        public abstract Task WriteAsync(CameraResultWriter writer);
    }

    private sealed record SamplesWork(CountSample[] Batch) : Work(Batch.Length)
    {
        public override Task WriteAsync(CameraResultWriter writer) => writer.WriteSamplesAsync(Batch);
    }

    private sealed record AlertsWork(AlertEvent[] Events) : Work(0)
    {
        public override Task WriteAsync(CameraResultWriter writer) => writer.WriteAlertsAsync(Events);
    }

    /// <summary>Starts the writing task; call once, before the pipeline runs.</summary>
    public CameraResultWriter Start()
    {
        _writer = Task.Run(WriteAllAsync);
        return this;
    }

    public override void OnSamples(IReadOnlyList<CountSample> samples) => Enqueue(new SamplesWork(samples.ToArray()));

    public override void OnAlerts(IReadOnlyList<AlertEvent> events) => Enqueue(new AlertsWork(events.ToArray()));

    /// <summary>
    /// Stops taking results and waits up to <paramref name="grace"/> for the buffer to reach the database; whatever is
    /// still waiting then is counted as dropped.
    /// </summary>
    public async Task CompleteAsync(TimeSpan grace)
    {
        _work.Writer.TryComplete();
        try
        {
            await _writer.WaitAsync(grace);
        }
        catch (TimeoutException)
        {
            await _abandon.CancelAsync();
            await _writer;
        }
    }

    private void Enqueue(Work batch)
    {
        if (_work.Writer.TryWrite(batch))
        {
            _state.SetBuffered(_work.Reader.Count);
            return;
        }

        _state.AddDropped(batch.Samples);
        if (!_warnedFull)
        {
            _warnedFull = true;
            _logger.LogWarning("Camera {CameraId}: the result buffer is full while the database is unavailable; new samples are dropped", _videoId);
        }
    }

    private async Task WriteAllAsync()
    {
        var reader = _work.Reader;
        while (true)
        {
            bool more;
            using (var wait = new CancellationTokenSource(StatusEvery))
            {
                try
                {
                    more = await reader.WaitToReadAsync(wait.Token);
                }
                catch (OperationCanceledException)
                {
                    await TryPersistStatusAsync();
                    continue;
                }
            }

            if (!more)
            {
                break;
            }

            while (reader.TryPeek(out var item))
            {
                if (!await WriteWithRetryAsync(item))
                {
                    CountAbandoned();
                    await TryPersistStatusAsync();
                    return;
                }

                reader.TryRead(out _);
                _state.SetBuffered(reader.Count);
                _warnedFull = false;
            }

            await TryPersistStatusAsync();
        }

        await TryPersistStatusAsync();
    }

    /// <summary>Writes one batch, retrying until it lands; false when abandoned at shutdown.</summary>
    private async Task<bool> WriteWithRetryAsync(Work item)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await item.WriteAsync(this);
                if (attempt > 1)
                {
                    _logger.LogInformation("Camera {CameraId}: the database is back after {Attempts} attempts; buffered results are being written",
                        _videoId, attempt);
                }

                return true;
            }
            catch (Exception ex) when (!_abandon.IsCancellationRequested)
            {
                if (attempt == 1)
                {
                    _logger.LogWarning(ex, "Camera {CameraId}: storing results failed; keeping them in the buffer and retrying", _videoId);
                }
            }
            catch (Exception)
            {
                return false;
            }

            try
            {
                await Task.Delay(delay, _abandon.Token);
            }
            catch (OperationCanceledException)
            {
                return false;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
        }
    }

    private void CountAbandoned()
    {
        long lost = 0;
        while (_work.Reader.TryRead(out var item))
        {
            lost += item.Samples;
        }

        if (lost > 0)
        {
            _state.AddDropped(lost);
            _logger.LogWarning("Camera {CameraId}: {Samples} samples were dropped because the database did not come back before the camera stopped",
                _videoId, lost);
        }

        _state.SetBuffered(0);
    }

    private async Task WriteSamplesAsync(CountSample[] samples)
    {
        if (samples.Length == 0)
        {
            return;
        }

        var rows = SampleRows.From(samples, _videoId, _zones, _offset);
        await using (var scope = _scopes.CreateAsyncScope())
        {
            await SampleRows.ReplaceAsync(scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>(), _videoId, rows);
        }

        _notifier.Samples(SampleRows.Message(_videoId, rows));
    }

    private async Task WriteAlertsAsync(AlertEvent[] events)
    {
        List<AlertRecord> changed;
        await using (var scope = _scopes.CreateAsyncScope())
        {
            changed = await AlertRows.ApplyAsync(scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>(), _subject, _zones, events,
                scope.ServiceProvider.GetRequiredService<NotificationEvents>(), _offset);
        }

        foreach (var row in changed)
        {
            _notifier.Alert(AlertDto.From(row, _videoName));
        }
    }

    /// <summary>Copies the live state onto the camera row when it changed; a failure waits for the next try.</summary>
    private async Task TryPersistStatusAsync()
    {
        var connection = _state.Connection;
        (CameraConnection? Connection, DateTime? LastFrameAt, long Dropped) now = (connection, _state.LastFrameAt, _state.DroppedSamples);
        if (now == _persisted)
        {
            return;
        }

        try
        {
            await using var scope = _scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
            await scope.ServiceProvider.GetRequiredService<CameraConnectionStore>().SaveAsync(db, _videoId, connection, also =>
                also.Videos.Where(v => v.Id == _videoId).ExecuteUpdateAsync(s => s
                    .SetProperty(v => v.LastFrameAt, now.LastFrameAt)
                    .SetProperty(v => v.DroppedSamples, now.Dropped)));
            _persisted = now;
        }
        catch (Exception ex)
        {
            _logger.LogDebug(ex, "Camera {CameraId}: status not stored yet", _videoId);
        }
    }
}
