using CrowdPortal.Data.Entities;
using CrowdPortal.Web.Infrastructure;
using CrowdPortal.Web.Services;
using CrowdPortal.Web.ViewModels;
using Microsoft.AspNetCore.Mvc;

namespace CrowdPortal.Web.Controllers.Api;

/// <summary>REST API v1 for the signed-in user's videos (login cookie + antiforgery header, or a personal API token).</summary>
[Route("api/v1/videos")]
public sealed class VideosApiController(VideoService videos, VideoUploadService uploads, FrameService frames) : ApiControllerBase
{
    /// <summary>Lists the user's videos, newest first.</summary>
    [EndpointSummary("List your videos")]
    [HttpGet]
    public async Task<IEnumerable<VideoDto>> List(CancellationToken ct) =>
        (await videos.ListAsync(User.GetUserId(), ct)).Select(VideoDto.From);

    /// <summary>One of the user's videos; 404 for an id that is not theirs.</summary>
    [EndpointSummary("Get a video")]
    [HttpGet("{id:long}")]
    public async Task<ActionResult<VideoDto>> Get(long id, CancellationToken ct)
    {
        var video = await videos.FindAsync(User.GetUserId(), id, ct);
        return video is null ? NoSuchVideo() : VideoDto.From(video);
    }

    /// <summary>
    /// Uploads a video (multipart/form-data, field <c>file</c>). The file is checked by decoding it: 201 with the video,
    /// 400 when it is not a readable video, 413 when it is over the limit.
    /// </summary>
    [EndpointSummary("Upload a video (multipart form, field file)")]
    [ProblemResponse(StatusCodes.Status413PayloadTooLarge, "The file is larger than Uploads:MaxBytes.")]
    [HttpPost]
    [DisableRequestSizeLimit]
    [DisableFormValueModelBinding]
    [Consumes("multipart/form-data")]
    public async Task<IActionResult> Upload(CancellationToken ct)
    {
        if (Request.ContentLength > uploads.MaxBytes + (1 << 20))
        {
            return ProblemResponse(StatusCodes.Status413PayloadTooLarge, "File too large",
                $"The file is larger than the upload limit of {VideoUploadService.FormatBytes(uploads.MaxBytes)}.");
        }

        string userId = User.GetUserId();
        var outcome = await MultipartFileReader.ReadFileAsync(Request, "file", (name, stream) => uploads.StoreAsync(userId, name, stream, ct), ct);
        if (outcome is null)
        {
            return ProblemResponse(StatusCodes.Status400BadRequest, "No file",
                "Send the video as multipart/form-data in a field named 'file'.");
        }

        if (!outcome.Succeeded)
        {
            return ProblemResponse(outcome.Status, outcome.Title!, outcome.Detail!);
        }

        var dto = VideoDto.From(outcome.Video!);
        return CreatedAtAction(nameof(Get), new { id = dto.Id }, dto);
    }

    /// <summary>
    /// The frame at <paramref name="t"/> seconds as a JPEG (at most 1280 px wide), to draw zones on or replay an analysis.
    /// </summary>
    [EndpointSummary("A frame of the video at a time, as JPEG")]
    [ProblemResponse(StatusCodes.Status422UnprocessableEntity, "That frame could not be decoded.")]
    [HttpGet("{id:long}/frame.jpg")]
    public async Task<IActionResult> Frame(long id, [FromQuery] double t, CancellationToken ct)
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

        // A file's frames never change; a camera's picture is its newest frame.
        Response.Headers.CacheControl = video.SourceKind == VideoSourceKind.Upload ? "private, max-age=3600" : "no-store";
        byte[]? jpeg = await frames.ReadJpegAsync(video, t, ct);
        return jpeg is null
            ? ProblemResponse(StatusCodes.Status422UnprocessableEntity, "Frame unavailable", "This frame could not be decoded.")
            : File(jpeg, "image/jpeg");
    }

    /// <summary>Deletes the video, its file and every row that belongs to it.</summary>
    [EndpointSummary("Delete a video and everything recorded for it")]
    [HttpDelete("{id:long}")]
    public async Task<IActionResult> Delete(long id, CancellationToken ct) =>
        await videos.DeleteAsync(User.GetUserId(), id, ct) ? NoContent() : NoSuchVideo();
}
