using CrowdPortal.Core.Alerts;
using CrowdPortal.Web.Analysis;
using CrowdPortal.Web.Infrastructure;
using CrowdPortal.Web.Services;
using Microsoft.AspNetCore.Mvc;

namespace CrowdPortal.Web.Controllers.Api;

/// <summary>What an analysis produced: counts (JSON and CSV), alerts, the heatmap and the tracked boxes for replay.</summary>
[Route("api/v1/videos/{id:long}")]
[Route("api/v1/cameras/{id:long}")]
public sealed class ResultsApiController(
    VideoService videos,
    CountSeriesService counts,
    AlertService alerts,
    TrackReplayService tracks,
    UploadStorage storage) : ApiControllerBase
{
    /// <summary>Count series per zone (plus the whole frame), downsampled to at most <paramref name="maxPoints"/> each.</summary>
    [EndpointSummary("Per-second zone counts, filtered by zone and time range")]
    [HttpGet("counts")]
    public async Task<IActionResult> Counts(long id, [FromQuery] string? zone, [FromQuery] double? from, [FromQuery] double? to,
        [FromQuery] int? maxPoints, CancellationToken ct)
    {
        if (from is double f && (!double.IsFinite(f) || f < 0) || to is double t && (!double.IsFinite(t) || t < 0) || from > to)
        {
            return InvalidQuery("from and to must be seconds of video time, 0 or more, with from ≤ to.");
        }

        if (maxPoints is < 2 or > CountSeriesService.LargestMaxPoints)
        {
            return InvalidQuery($"maxPoints must be between 2 and {CountSeriesService.LargestMaxPoints}.");
        }

        var result = await counts.GetAsync(User.GetUserId(), id,
            new CountSeriesService.Query(zone, from, to, maxPoints ?? CountSeriesService.DefaultMaxPoints), ct);
        return result is null ? NoSuchVideo() : Ok(result);
    }

    /// <summary>Every stored sample as CSV: time_s, zone_id, label, current, peak, entries, exits, density, level.</summary>
    [EndpointSummary("All zone counts as CSV")]
    [HttpGet("counts.csv")]
    public async Task<IActionResult> CountsCsvFile(long id, CancellationToken ct)
    {
        var video = await videos.FindAsync(User.GetUserId(), id, ct);
        if (video is null)
        {
            return NoSuchVideo();
        }

        byte[] csv = CountsCsv.ToBytes(await videos.CountRowsAsync(id, ct));
        string name = Path.GetFileNameWithoutExtension(video.FileName);
        string safe = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
        return File(csv, "text/csv; charset=utf-8", $"counts-{video.Id}-{safe}.csv");
    }

    [EndpointSummary("Alerts of one video or camera")]
    [HttpGet("alerts")]
    public async Task<IActionResult> Alerts(long id, [FromQuery] string? level, [FromQuery] string? zone, CancellationToken ct)
    {
        if (!AlertLevelNames.TryParseAlertLevel(level, out var wanted))
        {
            return InvalidQuery("level must be 'warning' or 'critical'.");
        }

        if (await videos.FindAsync(User.GetUserId(), id, ct) is null)
        {
            return NoSuchVideo();
        }

        return Ok(await alerts.ListAsync(User.GetUserId(), new AlertService.Filter(id, wanted, zone, null), ct));
    }

    /// <summary>Where people stood over the whole analysis, over a frame of the video; 404 until an analysis has finished.</summary>
    [EndpointSummary("Where people stood, as a PNG heatmap")]
    [HttpGet("heatmap.png")]
    public async Task<IActionResult> Heatmap(long id, CancellationToken ct)
    {
        var video = await videos.FindAsync(User.GetUserId(), id, ct);
        if (video is null)
        {
            return NoSuchVideo();
        }

        string path = storage.ToAbsolute(DerivedFiles.Heatmap(video.StoredPath));
        return System.IO.File.Exists(path)
            ? PhysicalFile(path, "image/png")
            : ProblemResponse(StatusCodes.Status404NotFound, "No heatmap yet", "The heatmap is made when an analysis completes.");
    }

    /// <summary>The people tracked at <paramref name="t"/> seconds (after an analysis), for replay.</summary>
    [EndpointSummary("Tracked people (boxes and ids) at a moment")]
    [HttpGet("tracks")]
    public async Task<IActionResult> Tracks(long id, [FromQuery] double t, CancellationToken ct)
    {
        var video = await videos.FindAsync(User.GetUserId(), id, ct);
        if (video is null)
        {
            return NoSuchVideo();
        }

        if (TimeOutside(video, t) is { } invalid)
        {
            return invalid;
        }

        var frame = await tracks.AtAsync(video, t, ct);
        return frame is null
            ? ProblemResponse(StatusCodes.Status404NotFound, "No tracks yet", "Tracks are recorded when the video is analysed.")
            : Ok(new { t = frame.T, frame = frame.FrameIndex, people = frame.People });
    }

}
