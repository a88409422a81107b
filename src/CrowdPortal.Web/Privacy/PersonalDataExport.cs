using System.IO.Compression;
using System.Text.Json;
using CrowdPortal.Core.Zones;
using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using CrowdPortal.Web.Analysis;
using CrowdPortal.Web.Cameras;
using CrowdPortal.Web.Notifications;
using CrowdPortal.Web.Services;
using CrowdPortal.Web.ViewModels;
using Microsoft.EntityFrameworkCore;

namespace CrowdPortal.Web.Privacy;

/// <summary>
/// Everything the portal keeps about a user, as one zip a person can read and a program can parse:
/// <c>account.json</c> (name, creation time, API tokens and notification channels without their secrets), <c>videos.json</c>, <c>cameras.json</c>
/// (without stream addresses, which may hold a camera's password), and per video or camera a folder
/// <c>{kind}-{id}/</c> with <c>zones.json</c>, <c>counts.csv</c> and <c>alerts.json</c> in the same formats as the API.
/// Footage itself is not included: the user uploaded it and can keep their own copy.
/// </summary>
public sealed class PersonalDataExport(
    CrowdPortalDbContext db,
    ZoneService zones,
    VideoService videos,
    AlertService alerts,
    ApiTokenService tokens,
    NotificationChannelService channels)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Writes the user's zip to <paramref name="output"/>; false when there is no such user.</summary>
    public async Task<bool> WriteZipAsync(string userId, Stream output, CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null)
        {
            return false;
        }

        var all = await db.Videos.AsNoTracking().Where(v => v.UserId == userId).OrderBy(v => v.Id).ToListAsync(ct);
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        var account = new
        {
            userName = user.UserName,
            createdAt = DateTime.SpecifyKind(user.CreatedAt, DateTimeKind.Utc),
            // The hash stays out too: it is the token's only trace on the server.
            apiTokens = (await tokens.ListAsync(userId, ct)).Select(t => new { t.Name, t.Prefix, t.CreatedAt, t.LastUsedAt }),
            // Without their signing secrets, which the portal never shows after creation.
            notificationChannels = (await channels.ListAsync(userId, ct)).Select(c => new { c.Name, c.Kind, c.Url, c.Events, c.VideoIds, c.MinLevel, c.CreatedAt }),
        };
        await AddJsonAsync(zip, "account.json", account, ct);
        await AddJsonAsync(zip, "videos.json", all.Where(v => v.SourceKind == VideoSourceKind.Upload).Select(VideoDto.From), ct);
        await AddJsonAsync(zip, "cameras.json", all.Where(v => v.SourceKind != VideoSourceKind.Upload).Select(CameraExport.From), ct);

        foreach (var video in all)
        {
            string folder = FolderOf(video);
            var set = await zones.GetAsync(userId, video.Id, ct);
            await AddBytesAsync(zip, folder + "zones.json", System.Text.Encoding.UTF8.GetBytes(ZoneSetJson.Serialize(set?.Zones ?? [])), ct);
            await AddBytesAsync(zip, folder + "counts.csv", CountsCsv.ToBytes(await videos.CountRowsAsync(video.Id, ct)), ct);
            await AddJsonAsync(zip, folder + "alerts.json", await alerts.ListAsync(userId, new AlertService.Filter(video.Id, null, null, null), ct), ct);
        }

        return true;
    }

    /// <summary>The zip folder of a video or camera, e.g. <c>video-12/</c> or <c>camera-7/</c>.</summary>
    public static string FolderOf(Video video) =>
        $"{(video.SourceKind == VideoSourceKind.Upload ? "video" : "camera")}-{video.Id}/";

    private static async Task AddJsonAsync<T>(ZipArchive zip, string name, T value, CancellationToken ct) =>
        await AddBytesAsync(zip, name, JsonSerializer.SerializeToUtf8Bytes(value, JsonOptions), ct);

    private static async Task AddBytesAsync(ZipArchive zip, string name, byte[] content, CancellationToken ct)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        await using var stream = entry.Open();
        await stream.WriteAsync(content, ct);
    }

    /// <summary>A camera in the export: what the user named and chose, never its address.</summary>
    private sealed record CameraExport(long Id, string Name, string Kind, bool Enabled, DateTime CreatedAt)
    {
        public static CameraExport From(Video v) => new(
            v.Id, v.FileName, v.SourceKind == VideoSourceKind.Webcam ? "webcam" : "camera", v.Enabled,
            DateTime.SpecifyKind(v.CreatedAt, DateTimeKind.Utc));
    }
}
