using CrowdPortal.Web.Analysis;
using CrowdPortal.Web.Infrastructure;
using CrowdPortal.Web.ViewModels;
using Microsoft.AspNetCore.Mvc;

namespace CrowdPortal.Web.Controllers.Api;

/// <summary>Starts and cancels analyses, and lists the detector models to choose from.</summary>
public sealed class AnalysisApiController(AnalysisService analyses, DetectorProvider detectors) : ApiControllerBase
{
    public sealed record StartRequest(string? Model);

    /// <summary>Queues the video for analysis (202); 409 while one is queued or running.</summary>
    [EndpointSummary("Start analysing a video (in the background)")]
    [ProblemResponse(StatusCodes.Status409Conflict, "The video is already being analysed.")]
    [HttpPost("api/v1/videos/{id:long}/analysis")]
    public async Task<IActionResult> Start(long id, [FromBody] StartRequest? request, CancellationToken ct)
    {
        string? model = string.IsNullOrWhiteSpace(request?.Model) ? null : request!.Model!.Trim();
        var (outcome, video) = await analyses.StartAsync(User.GetUserId(), id, model, ct);
        return outcome switch
        {
            AnalysisService.Outcome.Done => Accepted(VideoDto.From(video!)),
            AnalysisService.Outcome.Conflict => ProblemResponse(StatusCodes.Status409Conflict, "Already analysing",
                "This video is already queued or being analysed. Cancel it first to start again."),
            AnalysisService.Outcome.UnknownModel => ProblemResponse(StatusCodes.Status400BadRequest, "Unknown model",
                $"There is no model named '{model}'. GET /api/v1/models lists them."),
            AnalysisService.Outcome.FootageDeleted => ProblemResponse(StatusCodes.Status409Conflict, "Footage deleted",
                "This video's footage was deleted after its analysis, as chosen; its counts are kept, but it cannot be analysed again."),
            _ => NoSuchVideo(),
        };
    }

    /// <summary>Cancels a queued or running analysis (202); 409 when there is none.</summary>
    [EndpointSummary("Cancel a video's analysis")]
    [ProblemResponse(StatusCodes.Status409Conflict, "The video is not being analysed.")]
    [HttpDelete("api/v1/videos/{id:long}/analysis")]
    public async Task<IActionResult> Cancel(long id, CancellationToken ct)
    {
        var (outcome, video) = await analyses.CancelAsync(User.GetUserId(), id, ct);
        return outcome switch
        {
            AnalysisService.Outcome.Done => Accepted(VideoDto.From(video!)),
            AnalysisService.Outcome.Conflict => ProblemResponse(StatusCodes.Status409Conflict, "Not analysing",
                "No analysis of this video is queued or running."),
            _ => NoSuchVideo(),
        };
    }

    /// <summary>The detector models in the catalog, the default first.</summary>
    [EndpointSummary("List the detectors an analysis can use")]
    [HttpGet("api/v1/models")]
    public IReadOnlyList<ModelInfo> Models() => detectors.List();
}
