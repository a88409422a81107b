using CrowdPortal.Web.Infrastructure;
using CrowdPortal.Web.Privacy;
using Microsoft.AspNetCore.Mvc;

namespace CrowdPortal.Web.Controllers.Api;

/// <summary>The privacy level of a video or camera (<c>off</c>, <c>blur</c> or <c>counts-only</c>) and an upload's footage retention.</summary>
public sealed class PrivacyApiController(PrivacyService privacy, FootageRetention retention) : ApiControllerBase
{
    /// <param name="DeleteFootageAfterAnalysis">True: once analysed (now, if it already is), the file is deleted; counts stay.</param>
    public sealed record RetentionRequest(bool DeleteFootageAfterAnalysis);

    /// <param name="Level"><c>off</c>, <c>blur</c> or <c>counts-only</c>.</param>
    /// <param name="Confirm">Must be true to lower the level (pictures of people are shown again).</param>
    public sealed record SetPrivacyRequest(string? Level, bool Confirm);

    [EndpointSummary("Set the privacy level of a video or camera (off, blur, counts-only)")]
    [ProblemResponse(StatusCodes.Status400BadRequest, "The level is not off, blur or counts-only.")]
    [ProblemResponse(StatusCodes.Status409Conflict, "Lowering the level needs \"confirm\": true.")]
    [HttpPut("api/v1/videos/{id:long}/privacy")]
    [HttpPut("api/v1/cameras/{id:long}/privacy")]
    public async Task<IActionResult> Set(long id, [FromBody] SetPrivacyRequest request, CancellationToken ct)
    {
        if (!PrivacyLevels.TryParse(request.Level, out var level))
        {
            return ProblemResponse(StatusCodes.Status400BadRequest, "Unknown privacy level",
                $"level must be one of: {string.Join(", ", PrivacyLevels.Names)}.");
        }

        return await privacy.SetAsync(User.GetUserId(), id, level, request.Confirm, ct) switch
        {
            PrivacyService.Outcome.NotFound => NoSuchVideo(),
            PrivacyService.Outcome.NeedsConfirmation => ProblemResponse(StatusCodes.Status409Conflict, "Confirm to lower privacy",
                "Lowering the privacy level shows people in the pictures again; send \"confirm\": true to do it."),
            _ => Ok(new { id, level = PrivacyLevels.Name(level) }),
        };
    }

    /// <summary>Whether an upload's footage is deleted once it is analysed (its counts, alerts and clean plate stay).</summary>
    [EndpointSummary("Choose whether an upload's footage is deleted after its analysis")]
    [HttpPut("api/v1/videos/{id:long}/retention")]
    public async Task<IActionResult> SetRetention(long id, [FromBody] RetentionRequest request, CancellationToken ct) =>
        await retention.SetAsync(User.GetUserId(), id, request.DeleteFootageAfterAnalysis, ct) == FootageRetention.Outcome.NotFound
            ? NoSuchVideo()
            : Ok(new { id, request.DeleteFootageAfterAnalysis });
}
