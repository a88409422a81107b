using System.Threading.Channels;
using CrowdPortal.Core.Alerts;
using CrowdPortal.Core.Counting;
using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using CrowdPortal.Vision.Pipeline;
using CrowdPortal.Web.Notifications;
using CrowdPortal.Web.ViewModels;
using Microsoft.EntityFrameworkCore;

namespace CrowdPortal.Web.Analysis;

/// <summary>
/// Stores an analysis's results as they come: <c>zone_counts</c> rows, <c>alerts</c> rows, the progress on the video
/// row, and the user's running CSV log; then tells the watching pages. All writes of one job go through one task and
/// one DbContext, in order (SQLite wants one writer), so the pipeline never waits for the database.
/// Sample writes replace any rows already stored for the same intervals, so a retried write never duplicates.
/// Work is handed over as typed items; writing begins at <see cref="Start"/>.
/// </summary>
internal sealed class ResultWriter : AnalysisSink
{
    private readonly Channel<Work> _work = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
    private readonly CrowdPortalDbContext _db;
    private readonly Video _video;
    private readonly ZoneLabels _zones;
    private readonly AnalysisNotifier _notifier;
    private readonly string _csvLogPath;
    private readonly NotificationEvents _events;
    private Task _writer = Task.CompletedTask;

    public ResultWriter(CrowdPortalDbContext db, Video video, ZoneLabels zones, AnalysisNotifier notifier, string csvLogPath, NotificationEvents events)
    {
        _events = events;
        _db = db;
        _video = video;
        _zones = zones;
        _notifier = notifier;
        _csvLogPath = csvLogPath;
    }

    /// <summary>One thing to store, in the order handed over.</summary>
    private abstract record Work;

    private sealed record SamplesWork(CountSample[] Samples) : Work;

    private sealed record AlertsWork(AlertEvent[] Events) : Work;

    private sealed record ProgressWork(double Fraction, long Frames) : Work;

    /// <summary>Starts the writing task; call once, before the pipeline runs.</summary>
    public ResultWriter Start()
    {
        _writer = Task.Run(WriteAllAsync);
        return this;
    }

    public override void OnSamples(IReadOnlyList<CountSample> samples) => _work.Writer.TryWrite(new SamplesWork(samples.ToArray()));

    public override void OnAlerts(IReadOnlyList<AlertEvent> events) => _work.Writer.TryWrite(new AlertsWork(events.ToArray()));

    /// <summary>Records how far the analysis is on the video row (for pages that poll instead of listening).</summary>
    public void ReportProgress(double fraction, long frames) => _work.Writer.TryWrite(new ProgressWork(fraction, frames));

    /// <summary>Waits until everything handed over so far is stored; rethrows a failed write.</summary>
    public Task CompleteAsync()
    {
        _work.Writer.TryComplete();
        return _writer;
    }

    private async Task WriteAllAsync()
    {
        await foreach (var item in _work.Reader.ReadAllAsync())
        {
            switch (item)
            {
                case SamplesWork samples:
                    await WriteSamplesAsync(samples.Samples);
                    break;
                case AlertsWork alerts:
                    await WriteAlertsAsync(alerts.Events);
                    break;
                case ProgressWork progress:
                    await _db.Videos.Where(v => v.Id == _video.Id)
                        .ExecuteUpdateAsync(s => s.SetProperty(v => v.Progress, progress.Fraction).SetProperty(v => v.AnalysedFrames, (int)progress.Frames));
                    break;
            }
        }
    }

    private async Task WriteSamplesAsync(CountSample[] samples)
    {
        var rows = SampleRows.From(samples, _video.Id, _zones);
        await SampleRows.ReplaceAsync(_db, _video.Id, rows);

        // Stored rows need no tracking; clearing keeps a long run's memory flat (open alerts are re-read when they change).
        _db.ChangeTracker.Clear();
        AppendToCsvLog(rows);
        _notifier.Samples(SampleRows.Message(_video.Id, rows));
    }

    private async Task WriteAlertsAsync(AlertEvent[] events)
    {
        foreach (var row in await AlertRows.ApplyAsync(_db, EventSubject.From(_video), _zones, events, _events))
        {
            _notifier.Alert(AlertDto.From(row, _video.FileName));
        }
    }

    /// <summary>The user's running log (the seed's counts_log.csv): every stored sample of every analysis, appended.</summary>
    private void AppendToCsvLog(List<ZoneCount> rows) => CountsLogFile.Append(_csvLogPath, rows, _video);
}
