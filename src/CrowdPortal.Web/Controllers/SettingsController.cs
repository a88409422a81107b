using CrowdPortal.Data.Entities;
using CrowdPortal.Web.Infrastructure;
using CrowdPortal.Web.Services;
using CrowdPortal.Web.ViewModels;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace CrowdPortal.Web.Controllers;

/// <summary>Settings page: change password, and create, list and revoke personal API tokens.</summary>
[Authorize]
public sealed class SettingsController(
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    ApiTokenService tokens,
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

    private async Task<SettingsViewModel> BuildAsync(CancellationToken ct) =>
        new() { Tokens = await tokens.ListAsync(User.GetUserId(), ct) };
}
