using CrowdPortal.Core.Alerts;
using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using CrowdPortal.Web.Analysis;
using CrowdPortal.Web.Cameras;
using CrowdPortal.Web.Tests.Cameras;
using CrowdPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdPortal.Web.Tests;

/// <summary>
/// The embedded SQLite database under the writers a busy installation has at once — four cameras storing their samples
/// and status, an analysis storing its results and progress, retention deleting and merging old rows — never fails a
/// write with "database is locked"; and two analyses of one user append to their counts_log.csv without clashing.
/// </summary>
public sealed class ConcurrentWritersTests
{
    private const int Cameras = 4;
    private const int Intervals = 40;
    private static readonly string[] Zones = ["frame", "door", "hall"];

    [Fact]
    public async Task FourCamerasAnAnalysisAndRetention_WritingAtOnce_AllSucceed()
    {
        using var factory = new PortalFactory(TestDatabaseKind.Sqlite, new Dictionary<string, string?>
        {
            ["Cameras:RetentionDays"] = "30",
            ["Cameras:DownsampleAfterHours"] = "24",
            ["Cameras:DownsampleIntervalSeconds"] = "60",
        });
        using var client = factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        var cameraIds = new List<long>();
        for (int i = 0; i < Cameras; i++)
        {
            cameraIds.Add(await client.AddWebcamAsync($"Camera {i}"));
        }

        long videoId = await client.UploadSampleAsync();
        double age = 40 * 86400;
        int oldRowsPerCamera = await SeedOldRowsAsync(factory, cameraIds, age);
        var retention = factory.Services.GetRequiredService<CameraRetention>();

        var writers = cameraIds.Select(id => Task.Run(() => WriteLikeACameraAsync(factory, id, age)))
            .Append(Task.Run(() => WriteLikeAnAnalysisAsync(factory, videoId)))
            .Append(Task.Run(async () =>
            {
                for (int pass = 0; pass < 3; pass++)
                {
                    await retention.RunOnceAsync(CancellationToken.None);
                }
            }));
        await Task.WhenAll(writers);

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
        foreach (long id in cameraIds)
        {
            // Every live interval is there once; the old rows were merged or deleted, not lost to a failed write.
            int live = await db.ZoneCounts.CountAsync(c => c.VideoId == id && c.Ts >= age);
            int old = await db.ZoneCounts.CountAsync(c => c.VideoId == id && c.Ts < age);
            Assert.Equal(Intervals * Zones.Length, live);
            Assert.InRange(old, 1, oldRowsPerCamera - 1);
            Assert.Equal(CameraConnection.Online, await db.Videos.Where(v => v.Id == id).Select(v => v.ConnectionState).SingleAsync());
        }

        Assert.Equal(Intervals * 10 * Zones.Length, await db.ZoneCounts.CountAsync(c => c.VideoId == videoId));
        Assert.Equal(1.0, await db.Videos.Where(v => v.Id == videoId).Select(v => v.Progress).SingleAsync());
    }

    [Fact]
    public async Task TwoAnalysesOfOneUser_AppendingAtOnce_WriteEveryRowWhole_UnderOneHeader()
    {
        string folder = Directory.CreateTempSubdirectory("crowdportal-csvlog-").FullName;
        try
        {
            string path = Path.Combine(folder, "counts_log.csv");
            var first = new Video { Id = 1, UserId = "u", FileName = "first.avi", StoredPath = "u/a" };
            var second = new Video { Id = 2, UserId = "u", FileName = "second.avi", StoredPath = "u/b" };

            await Task.WhenAll(new[] { first, second }.Select(video => Task.Run(() =>
            {
                for (int t = 0; t < 200; t++)
                {
                    CountsLogFile.Append(path, Zones.Select(z => Row(video.Id, z, t)).ToList(), video);
                }
            })));

            string[] lines = await File.ReadAllLinesAsync(path);
            Assert.StartsWith("video_id,video_name,", lines[0], StringComparison.Ordinal);
            Assert.Equal(1, lines.Count(l => l.StartsWith("video_id", StringComparison.Ordinal)));
            Assert.Equal(2 * 200 * Zones.Length, lines.Length - 1);
            int columns = lines[0].Split(',').Length;
            Assert.All(lines.Skip(1), l => Assert.Equal(columns, l.Split(',').Length));
            Assert.Equal(200 * Zones.Length, lines.Count(l => l.StartsWith("1,first.avi,", StringComparison.Ordinal)));
            Assert.Equal(200 * Zones.Length, lines.Count(l => l.StartsWith("2,second.avi,", StringComparison.Ordinal)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Rows past retention and rows old enough to be merged, for retention to work on while the others write.</summary>
    private static async Task<int> SeedOldRowsAsync(PortalFactory factory, IEnumerable<long> cameraIds, double age)
    {
        const int rows = 2000;
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
        foreach (long id in cameraIds)
        {
            await db.Videos.Where(v => v.Id == id).ExecuteUpdateAsync(s => s.SetProperty(v => v.CreatedAt, DateTime.UtcNow.AddSeconds(-age)));
            for (int i = 0; i < rows / 2; i++)
            {
                db.ZoneCounts.Add(Row(id, "door", (5 * 86400) + i));  // past the 30 days: deleted
                db.ZoneCounts.Add(Row(id, "door", (20 * 86400) + i)); // 20 days old: merged to minutes
            }
        }

        await db.SaveChangesAsync();
        return rows;
    }

    /// <summary>What a running camera stores each second: its samples (replacing the interval) and its status.</summary>
    private static async Task WriteLikeACameraAsync(PortalFactory factory, long cameraId, double age)
    {
        for (int i = 0; i < Intervals; i++)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
            await SampleRows.ReplaceAsync(db, cameraId, Zones.Select(z => Row(cameraId, z, age + i)).ToList());
            await db.Videos.Where(v => v.Id == cameraId).ExecuteUpdateAsync(s => s
                .SetProperty(v => v.ConnectionState, CameraConnection.Online).SetProperty(v => v.LastFrameAt, DateTime.UtcNow));
        }
    }

    /// <summary>What an analysis stores: ten seconds of samples at a time (it runs faster than real time) and its progress.</summary>
    private static async Task WriteLikeAnAnalysisAsync(PortalFactory factory, long videoId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
        for (int i = 0; i < Intervals; i++)
        {
            var rows = Enumerable.Range(i * 10, 10).SelectMany(t => Zones.Select(z => Row(videoId, z, t))).ToList();
            await SampleRows.ReplaceAsync(db, videoId, rows);
            db.ChangeTracker.Clear();
            double progress = (i + 1.0) / Intervals;
            await db.Videos.Where(v => v.Id == videoId).ExecuteUpdateAsync(s => s.SetProperty(v => v.Progress, progress));
        }
    }

    private static ZoneCount Row(long videoId, string zone, double ts) => new()
    {
        VideoId = videoId,
        ZoneId = zone,
        Ts = ts,
        Label = zone,
        Current = 2,
        Peak = 3,
        Entries = 1,
        Exits = 0,
        Level = AlertLevel.Normal,
    };
}
