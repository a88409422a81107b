using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrowdPortal.Web.Cameras;

/// <summary>
/// Keeps live cameras' tables from growing without end: count rows older than <see cref="CameraSettings.DownsampleAfterHours"/>
/// are merged into one row per zone per <see cref="CameraSettings.DownsampleIntervalSeconds"/> (current and density of
/// the last sample, the highest peak, entries and exits summed, the last level), and rows and closed alerts older than
/// <see cref="CameraSettings.RetentionDays"/> are deleted. Uploaded videos are never touched. Works an hour of camera
/// time per transaction, so a pass never holds the database for long.
/// </summary>
public sealed class CameraRetention(IServiceScopeFactory scopes, IOptions<CameraSettings> options, TimeProvider clock, ILogger<CameraRetention> logger)
    : BackgroundService
{
    private const double WindowSeconds = 3600;

    /// <summary>Per camera, the camera time up to which rows are already downsampled (learned during this run of the app).</summary>
    private readonly Dictionary<long, double> _downsampledUpTo = [];

    /// <summary>One pass at a time (the timer's and any caller's).</summary>
    private readonly SemaphoreSlim _onePass = new(1, 1);

    /// <summary>What one pass did.</summary>
    public sealed record PassResult(int RowsMerged, int RowsDeleted, int AlertsDeleted);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.Value.RetentionCheckMinutes));
        do
        {
            try
            {
                var result = await RunOnceAsync(stoppingToken);
                if (result.RowsMerged + result.RowsDeleted + result.AlertsDeleted > 0)
                {
                    logger.LogInformation("Camera retention: {Merged} count rows downsampled, {Deleted} count rows and {Alerts} alerts past retention deleted",
                        result.RowsMerged, result.RowsDeleted, result.AlertsDeleted);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Camera retention pass failed; it runs again later");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass over every camera and webcam.</summary>
    public async Task<PassResult> RunOnceAsync(CancellationToken ct)
    {
        await _onePass.WaitAsync(ct);
        try
        {
            return await RunPassAsync(ct);
        }
        finally
        {
            _onePass.Release();
        }
    }

    public override void Dispose()
    {
        _onePass.Dispose();
        base.Dispose();
    }

    private async Task<PassResult> RunPassAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
        var cameras = await db.Videos.AsNoTracking().Where(v => v.SourceKind != VideoSourceKind.Upload)
            .Select(v => new { v.Id, v.CreatedAt }).ToListAsync(ct);
        int merged = 0;
        int deleted = 0;
        int alerts = 0;
        foreach (var camera in cameras)
        {
            // Camera rows are timed in seconds since the camera was added.
            double age = (now - camera.CreatedAt).TotalSeconds;
            if (settings.RetentionDays > 0)
            {
                double keepFrom = age - (settings.RetentionDays * 86400);
                // The zones' running totals (zone_totals) stay: people who crossed a line are still counted.
                deleted += await db.ZoneCounts.Where(c => c.VideoId == camera.Id && c.Ts < keepFrom).ExecuteDeleteAsync(ct);
                alerts += await db.Alerts.Where(a => a.VideoId == camera.Id && a.TsEnd != null && a.TsEnd < keepFrom).ExecuteDeleteAsync(ct);
            }

            if (settings.DownsampleAfterHours > 0)
            {
                merged += await DownsampleAsync(db, camera.Id, age - (settings.DownsampleAfterHours * 3600), settings.DownsampleIntervalSeconds, ct);
            }
        }

        return new PassResult(merged, deleted, alerts);
    }

    private async Task<int> DownsampleAsync(CrowdPortalDbContext db, long cameraId, double before, double interval, CancellationToken ct)
    {
        double window = Math.Ceiling(WindowSeconds / interval) * interval;
        double end = Math.Floor(before / interval) * interval; // whole buckets only
        double from = _downsampledUpTo.GetValueOrDefault(cameraId, double.NaN);
        if (double.IsNaN(from))
        {
            double? oldest = await db.ZoneCounts.Where(c => c.VideoId == cameraId).MinAsync(c => (double?)c.Ts, ct);
            if (oldest is null)
            {
                return 0;
            }

            from = Math.Floor(oldest.Value / interval) * interval;
        }

        int merged = 0;
        for (double start = from; start < end; start += window)
        {
            double stop = Math.Min(start + window, end);
            merged += await DownsampleWindowAsync(db, cameraId, start, stop, interval, ct);
            _downsampledUpTo[cameraId] = stop;
        }

        return merged;
    }

    /// <summary>Replaces the rows of [start, stop) by one row per zone and bucket; returns how many rows were merged away.</summary>
    private static async Task<int> DownsampleWindowAsync(CrowdPortalDbContext db, long cameraId, double start, double stop, double interval, CancellationToken ct)
    {
        var rows = await db.ZoneCounts.AsNoTracking().Where(c => c.VideoId == cameraId && c.Ts >= start && c.Ts < stop)
            .OrderBy(c => c.Ts).ToListAsync(ct);
        var groups = rows.GroupBy(r => (r.ZoneId, Bucket: Math.Floor(r.Ts / interval) * interval))
            .Where(g => g.Count() > 1 || g.First().Ts != g.Key.Bucket)
            .ToList();
        if (groups.Count == 0)
        {
            return 0;
        }

        var merged = groups.Select(g =>
        {
            var last = g.Last();
            return new ZoneCount
            {
                VideoId = cameraId,
                ZoneId = g.Key.ZoneId,
                Ts = g.Key.Bucket,
                Label = last.Label,
                Current = last.Current,
                Peak = g.Max(r => r.Peak),
                Entries = g.Sum(r => r.Entries),
                Exits = g.Sum(r => r.Exits),
                Density = last.Density,
                Level = last.Level,
            };
        }).ToList();
        var ids = groups.SelectMany(g => g.Select(r => r.Id)).ToList();

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var chunk in ids.Chunk(500))
        {
            await db.ZoneCounts.Where(c => chunk.Contains(c.Id)).ExecuteDeleteAsync(ct);
        }

        db.ZoneCounts.AddRange(merged);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
        return ids.Count - merged.Count;
    }
}
