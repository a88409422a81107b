using CrowdPortal.Data.Entities;
using CrowdPortal.Web.Infrastructure;
using CrowdPortal.Web.Privacy;
using CrowdPortal.Web.Services;
using CrowdPortal.Web.ViewModels;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CrowdPortal.Web.Controllers;

/// <summary>Settings page: change password; create, list and revoke personal API tokens; export or erase one's data.</summary>
[Authorize]
public sealed class SettingsController(
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    ApiTokenService tokens,
    PersonalDataExport export,
    AccountEraser eraser,
    ILogger<SettingsController> logger) : Controller
{
    [HttpGet]
    public async Task<IActionResult> Index(CancellationToken ct) => View(await BuildAsync(ct));

    /// <summary>Needs the current password; the new security stamp ends the user's other sessions.</summary>
    [HttpPost]
    public async Task<IActionResult> ChangePassword([Bind(Prefix = nameof(SettingsViewModel.ChangePassword))] ChangePasswordViewModel form, CancellationToken ct)
    {
        var model = await BuildAsync(ct);
        model.ChangePassword = form;
        if (!ModelState.IsValid)
        {
            return View(nameof(Index), model);
        }

        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        var result = await users.ChangePasswordAsync(user, form.CurrentPassword, form.NewPassword);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                string field = error.Code == "PasswordMismatch" ? "CurrentPassword" : "NewPassword";
                string text = error.Code == "PasswordMismatch" ? "The current password is wrong." : error.Description;
                ModelState.AddModelError($"{nameof(SettingsViewModel.ChangePassword)}.{field}", text);
            }

            return View(nameof(Index), model);
        }

        await signIn.RefreshSignInAsync(user);
        logger.LogInformation("User {UserId} changed their password", user.Id);
        model.ChangePassword = new();
        model.Message = "Password changed. Your other sessions have been signed out.";
        return View(nameof(Index), model);
    }

    [HttpPost]
    public async Task<IActionResult> CreateToken([Bind(Prefix = nameof(SettingsViewModel.CreateToken))] CreateTokenViewModel form, CancellationToken ct)
    {
        if (!ModelState.IsValid || string.IsNullOrWhiteSpace(form.Name))
        {
            var invalid = await BuildAsync(ct);
            invalid.CreateToken = form;
            return View(nameof(Index), invalid);
        }

        var (token, secret) = await tokens.CreateAsync(User.GetUserId(), form.Name, ct);
        var model = await BuildAsync(ct);
        model.NewTokenSecret = secret;
        model.NewTokenName = token.Name;
        return View(nameof(Index), model);
    }

    [HttpPost]
    public async Task<IActionResult> RevokeToken(long id, CancellationToken ct)
    {
        if (!await tokens.RevokeAsync(User.GetUserId(), id, ct))
        {
            return NotFound();
        }

        return RedirectToAction(nameof(Index));
    }

    /// <summary>Everything the portal keeps about the user, as a zip (see <see cref="PersonalDataExport"/>).</summary>
    [HttpGet]
    public async Task<IActionResult> Export(CancellationToken ct)
    {
        var zip = new MemoryStream();
        if (!await export.WriteZipAsync(User.GetUserId(), zip, ct))
        {
            return Challenge();
        }

        zip.Position = 0;
        logger.LogInformation("User {UserId} exported their data", User.GetUserId());
        return File(zip, "application/zip", $"crowdportal-export-{DateTime.UtcNow:yyyyMMdd}.zip");
    }

    /// <summary>Needs the password; removes every row and file of the account, then signs out.</summary>
    [HttpPost]
    public async Task<IActionResult> DeleteAccount([Bind(Prefix = nameof(SettingsViewModel.DeleteAccount))] DeleteAccountViewModel form, CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var outcome = await eraser.EraseAsync(User.GetUserId(), form.Password, ct);
            if (outcome != AccountEraser.Outcome.WrongPassword)
            {
                await signIn.SignOutAsync();
                return RedirectToAction("Login", "Account", new { deleted = true });
            }

            ModelState.AddModelError($"{nameof(SettingsViewModel.DeleteAccount)}.{nameof(DeleteAccountViewModel.Password)}", "The password is wrong; nothing was deleted.");
        }

        var model = await BuildAsync(ct);
        model.DeleteAccount = new();
        return View(nameof(Index), model);
    }

    private async Task<SettingsViewModel> BuildAsync(CancellationToken ct) =>
        new() { Tokens = await tokens.ListAsync(User.GetUserId(), ct) };
}
