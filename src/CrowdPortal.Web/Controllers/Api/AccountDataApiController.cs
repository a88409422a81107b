using CrowdPortal.Web.Infrastructure;
using CrowdPortal.Web.Privacy;
using Microsoft.AspNetCore.Mvc;

namespace CrowdPortal.Web.Controllers.Api;

/// <summary>The caller's own data: export it all as a zip, or erase the account (password required).</summary>
[Route("api/v1/me")]
public sealed class AccountDataApiController(PersonalDataExport export, AccountEraser eraser) : ApiControllerBase
{
    public sealed record DeleteAccountRequest(string? Password);

    /// <summary>A zip of zones, counts (CSV), alerts, cameras without addresses and API tokens without secrets.</summary>
    [EndpointSummary("Export all your data as a zip")]
    [HttpGet("export")]
    public async Task<IActionResult> Export(CancellationToken ct)
    {
        var zip = new MemoryStream();
        if (!await export.WriteZipAsync(User.GetUserId(), zip, ct))
        {
            return Unauthorized();
        }

        zip.Position = 0;
        return File(zip, "application/zip", $"crowdportal-export-{DateTime.UtcNow:yyyyMMdd}.zip");
    }

    /// <summary>Deletes the account and every row and file of it. The password is asked again, even with an API token.</summary>
    [EndpointSummary("Delete your account and all its data (password required)")]
    [ProblemResponse(StatusCodes.Status400BadRequest, "The password is missing or wrong; nothing was deleted.")]
    [HttpDelete]
    public async Task<IActionResult> Delete([FromBody] DeleteAccountRequest request, CancellationToken ct) =>
        await eraser.EraseAsync(User.GetUserId(), request.Password, ct) switch
        {
            AccountEraser.Outcome.WrongPassword => ProblemResponse(StatusCodes.Status400BadRequest, "Wrong password",
                "Give the account's password as \"password\" to delete it; nothing was deleted."),
            _ => NoContent(),
        };
}
