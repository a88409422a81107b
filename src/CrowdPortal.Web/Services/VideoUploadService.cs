using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using CrowdPortal.Vision.Sources;
using CrowdPortal.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace CrowdPortal.Web.Services;

/// <summary>
/// Stores an uploaded video: streams it to a temporary file in the user's folder (enforcing the size limit as it goes),
/// checks it by decoding it, then moves it to its final generated name and adds the row. Any failure on the way removes
/// the file, so nothing half-done is left behind.
/// </summary>
public sealed class VideoUploadService(
    CrowdPortalDbContext db,
    UploadStorage storage,
    IOptions<UploadOptions> options,
    IOptions<Privacy.PrivacySettings> privacy,
    TimeProvider clock,
    ILogger<VideoUploadService> logger)
{
    private static readonly HashSet<string> KnownExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".mp4", ".m4v", ".mov", ".avi", ".mkv", ".webm", ".mpg", ".mpeg", ".ts", ".wmv", ".flv", ".3gp",
    };

    public long MaxBytes => options.Value.MaxBytes;

    public async Task<UploadOutcome> StoreAsync(string userId, string originalFileName, Stream content, CancellationToken ct)
    {
        string displayName = DisplayName(originalFileName);
        string extension = Path.GetExtension(displayName);
        string relativePath = storage.NewRelativePath(userId, KnownExtensions.Contains(extension) ? extension.ToLowerInvariant() : ".video");
        string finalPath = storage.ToAbsolute(relativePath);
        string partPath = finalPath + ".part";
        Directory.CreateDirectory(Path.GetDirectoryName(finalPath)!);

        bool keep = false;
        try
        {
            long size = await CopyWithLimitAsync(content, partPath, ct);
            if (size < 0)
            {
                return UploadOutcome.Refused(StatusCodes.Status413PayloadTooLarge, "File too large",
                    $"The file is larger than the upload limit of {FormatBytes(MaxBytes)}.");
            }

            if (size == 0)
            {
                return UploadOutcome.Refused(StatusCodes.Status400BadRequest, "Empty file", "The uploaded file is empty.");
            }

            if (!VideoProbe.TryProbe(partPath, out var info, out _) || info.FrameCount <= 0 || info.Width <= 0 || info.Height <= 0)
            {
                return UploadOutcome.Refused(StatusCodes.Status400BadRequest, "Not a readable video",
                    "CrowdPortal could not decode this file as a video. Upload a video file such as MP4, AVI, MKV, MOV or WebM.");
            }

            File.Move(partPath, finalPath);
            var video = new Video
            {
                UserId = userId,
                PrivacyLevel = privacy.Value.Default,
                DeleteFootageAfterAnalysis = privacy.Value.DeleteFootageAfterAnalysis,
                FileName = displayName,
                StoredPath = relativePath,
                SizeBytes = size,
                FrameCount = (int)Math.Min(int.MaxValue, info.FrameCount),
                Fps = info.Fps,
                Width = info.Width,
                Height = info.Height,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.Videos.Add(video);
            await db.SaveChangesAsync(ct);
            keep = true;
            logger.LogInformation("User {UserId} uploaded video {VideoId} ({Bytes} bytes)", userId, video.Id, size);
            return UploadOutcome.Stored(video);
        }
        finally
        {
            if (!keep)
            {
                TryDelete(partPath);
                TryDelete(finalPath);
            }
        }
    }

    /// <summary>The original name reduced to a safe display text: no folders, no control characters, at most 255 characters.</summary>
    internal static string DisplayName(string? originalFileName)
    {
        string name = (originalFileName ?? string.Empty).Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        name = new string(name.Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (name.Length == 0 || name is "." or "..")
        {
            name = "video";
        }

        return name.Length <= 255 ? name : name[..255];
    }

    /// <summary>Copies the upload to <paramref name="path"/>; returns its size, or -1 as soon as it exceeds the limit.</summary>
    private async Task<long> CopyWithLimitAsync(Stream content, string path, CancellationToken ct)
    {
        byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(1 << 16);
        try
        {
            await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true);
            long total = 0;
            int read;
            while ((read = await content.ReadAsync(buffer, ct)) > 0)
            {
                total += read;
                if (total > MaxBytes)
                {
                    return -1;
                }

                await file.WriteAsync(buffer.AsMemory(0, read), ct);
            }

            return total;
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void TryDelete(string path)
    {
        try
        {
            if (File.Exists(path))
            {
                File.Delete(path);
            }
        }
        catch (IOException ex)
        {
            logger.LogWarning(ex, "Could not remove the unfinished upload {Path}", Path.GetFileName(path));
        }
    }

    internal static string FormatBytes(long bytes) => bytes switch
    {
        >= 1L << 30 => $"{bytes / (double)(1L << 30):0.#} GiB",
        >= 1L << 20 => $"{bytes / (double)(1L << 20):0.#} MiB",
        >= 1L << 10 => $"{bytes / (double)(1L << 10):0.#} KiB",
        _ => $"{bytes} bytes",
    };
}
