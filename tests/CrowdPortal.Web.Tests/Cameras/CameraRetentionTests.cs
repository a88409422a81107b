using CrowdPortal.Core.Alerts;
using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using CrowdPortal.Web.Cameras;
using CrowdPortal.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CrowdPortal.Web.Tests.Cameras;

/// <summary>Old camera rows are downsampled, rows past retention deleted, recent rows and uploads left alone.</summary>
public sealed class CameraRetentionTests
{
    [Fact]
    public async Task Pass_DownsamplesOldRows_DeletesExpiredOnes_AndLeavesTheRestAlone()
    {
        using var factory = new PortalFactory(TestDatabaseKind.Sqlite, new Dictionary<string, string?>
        {
            ["Cameras:RetentionDays"] = "30",
            ["Cameras:DownsampleAfterHours"] = "24",
            ["Cameras:DownsampleIntervalSeconds"] = "60",
        });
        using var client = factory.CreatePortalClient();
        await client.RegisterNewUserAsync();
        long cameraId = await client.AddWebcamAsync("Desk");
        long uploadId = await client.UploadSampleAsync();
        double age = 40 * 86400;
        double bucket = Math.Floor((age - (2 * 86400)) / 60) * 60;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
            await db.Videos.Where(v => v.Id == cameraId || v.Id == uploadId)
                .ExecuteUpdateAsync(s => s.SetProperty(v => v.CreatedAt, DateTime.UtcNow.AddSeconds(-age)));
            foreach (long video in (long[])[cameraId, uploadId])
            {
                db.ZoneCounts.AddRange(Row(video, age - (35 * 86400)), Row(video, age - (35 * 86400) + 1));
                for (int i = 0; i < 60; i++)
                {
                    db.ZoneCounts.Add(Row(video, bucket + i, current: i % 4, peak: i));
                }

                for (int i = 0; i < 5; i++)
                {
                    db.ZoneCounts.Add(Row(video, age - 3600 + i));
                }

                db.Alerts.AddRange(Alert(video, age - (36 * 86400), age - (35 * 86400)), Alert(video, age - (35 * 86400), null));
            }

            await db.SaveChangesAsync();
        }

        var retention = factory.Services.GetRequiredService<CameraRetention>();
        var first = await retention.RunOnceAsync(CancellationToken.None);
        var second = await retention.RunOnceAsync(CancellationToken.None);

        Assert.Equal(new CameraRetention.PassResult(59, 2, 1), first);
        Assert.Equal(new CameraRetention.PassResult(0, 0, 0), second);
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
            var camera = await db.ZoneCounts.AsNoTracking().Where(c => c.VideoId == cameraId).OrderBy(c => c.Ts).ToListAsync();
            Assert.Equal(6, camera.Count);
            var merged = camera[0];
            Assert.Equal(bucket, merged.Ts);
            Assert.Equal((59 % 4, 59, 60, 60), (merged.Current, merged.Peak, merged.Entries, merged.Exits));
            Assert.All(camera.Skip(1), r => Assert.True(r.Ts >= age - 3600));
            Assert.Equal(67, await db.ZoneCounts.CountAsync(c => c.VideoId == uploadId));
            Assert.Equal(1, await db.Alerts.CountAsync(a => a.VideoId == cameraId));
            Assert.Null((await db.Alerts.SingleAsync(a => a.VideoId == cameraId)).TsEnd);
            Assert.Equal(2, await db.Alerts.CountAsync(a => a.VideoId == uploadId));
        }
    }

    private static ZoneCount Row(long videoId, double ts, int current = 1, int peak = 1) => new()
    {
        VideoId = videoId,
        ZoneId = "lower",
        Ts = ts,
        Label = "Lower half",
        Current = current,
        Peak = peak,
        Entries = 1,
        Exits = 1,
        Level = AlertLevel.Normal,
    };

    private static AlertRecord Alert(long videoId, double start, double? end) => new()
    {
        VideoId = videoId,
        ZoneId = "lower",
        Label = "Lower half",
        TsStart = start,
        TsEnd = end,
        Level = AlertLevel.Warning,
        PeakValue = 2,
        Unit = "people",
    };
}
