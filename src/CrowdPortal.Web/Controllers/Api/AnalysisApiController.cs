using CrowdPortal.Web.Analysis;
using CrowdPortal.Web.Infrastructure;
using CrowdPortal.Web.ViewModels;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CrowdPortal.Web.Controllers.Api;

/// <summary>Starts and cancels analyses, and lists the detector models to choose from.</summary>
[ApiController]
[Authorize]
public sealed class AnalysisApiController(AnalysisService analyses, DetectorProvider detectors) : ControllerBase
{
    public sealed record StartRequest(string? Model);

    /// <summary>Queues the video for analysis (202); 409 while one is queued or running.</summary>
    [HttpPost("api/v1/videos/{id:long}/analysis")]
    public async Task<IActionResult> Start(long id, [FromBody] StartRequest? request, CancellationToken ct)
    {
        string? model = string.IsNullOrWhiteSpace(request?.Model) ? null : request!.Model!.Trim();
        var (outcome, video) = await analyses.StartAsync(User.GetUserId(), id, model, ct);
        return outcome switch
        {
            AnalysisService.Outcome.Done => Accepted(VideoDto.From(video!)),
            AnalysisService.Outcome.Conflict => ProblemResults.Create(HttpContext, StatusCodes.Status409Conflict, "Already analysing",
                "This video is already queued or being analysed. Cancel it first to start again."),
            AnalysisService.Outcome.UnknownModel => ProblemResults.Create(HttpContext, StatusCodes.Status400BadRequest, "Unknown model",
                $"There is no model named '{model}'. GET /api/v1/models lists them."),
            _ => NotFoundProblem(),
        };
    }

    /// <summary>Cancels a queued or running analysis (202); 409 when there is none.</summary>
    [HttpDelete("api/v1/videos/{id:long}/analysis")]
    public async Task<IActionResult> Cancel(long id, CancellationToken ct)
    {
        var (outcome, video) = await analyses.CancelAsync(User.GetUserId(), id, ct);
        return outcome switch
        {
            AnalysisService.Outcome.Done => Accepted(VideoDto.From(video!)),
            AnalysisService.Outcome.Conflict => ProblemResults.Create(HttpContext, StatusCodes.Status409Conflict, "Not analysing",
                "No analysis of this video is queued or running."),
            _ => NotFoundProblem(),
        };
    }

    /// <summary>The detector models in the catalog, the default first.</summary>
    [HttpGet("api/v1/models")]
    public IReadOnlyList<ModelInfo> Models() => detectors.List();

    private IActionResult NotFoundProblem() =>
        ProblemResults.Create(HttpContext, StatusCodes.Status404NotFound, "Not found", "There is no such video.");
}
