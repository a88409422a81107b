using CrowdPortal.Data.Entities;
using CrowdPortal.Web.Infrastructure;
using CrowdPortal.Web.Security;
using CrowdPortal.Web.ViewModels;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace CrowdPortal.Web.Controllers;

/// <summary>Register, sign in and sign out. Sign-in and registration are rate-limited per client IP.</summary>
public sealed class AccountController(
    SignInManager<AppUser> signIn,
    UserManager<AppUser> users,
    Administrators administrators,
    RegistrationPolicy registration,
    ILogger<AccountController> logger) : Controller
{
    // One message for every failed sign-in, so it does not tell whether the user name exists.
    internal const string SignInFailedMessage = "Wrong user name or password (after 5 failed attempts an account is locked for 5 minutes).";

    [AllowAnonymous]
    [HttpGet]
    public IActionResult Login(string? returnUrl = null, bool deleted = false)
    {
        ViewData["AccountDeleted"] = deleted;
        return View(new LoginViewModel { ReturnUrl = returnUrl });
    }

    [AllowAnonymous]
    [HttpPost]
    [EnableRateLimiting(SecurityServiceCollectionExtensions.AuthRateLimitPolicy)]
    public async Task<IActionResult> Login(LoginViewModel model)
    {
        if (!ModelState.IsValid)
        {
            return View(model);
        }

        // Drop any existing session first, so a successful sign-in always starts with a fresh cookie.
        await signIn.SignOutAsync();
        var result = await signIn.PasswordSignInAsync(model.UserName, model.Password, isPersistent: false, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            logger.LogWarning("Failed sign-in from {Ip}{Locked}", HttpContext.Connection.RemoteIpAddress, result.IsLockedOut ? " (account locked)" : string.Empty);
            ModelState.AddModelError(string.Empty, SignInFailedMessage);
            return View(model);
        }

        logger.LogInformation("User {UserName} signed in", model.UserName);
        return LocalRedirect(Url.IsLocalUrl(model.ReturnUrl) ? model.ReturnUrl! : "/");
    }

    [AllowAnonymous]
    [HttpGet]
    public async Task<IActionResult> Register(CancellationToken ct) =>
        await registration.IsOpenAsync(ct) ? View(new RegisterViewModel()) : RegistrationClosed();

    [AllowAnonymous]
    [HttpPost]
    [EnableRateLimiting(SecurityServiceCollectionExtensions.AuthRateLimitPolicy)]
    public async Task<IActionResult> Register(RegisterViewModel model)
    {
        if (!await registration.IsOpenAsync())
        {
            logger.LogWarning("Refused a registration from {Ip}: registration is closed", HttpContext.Connection.RemoteIpAddress);
            return RegistrationClosed();
        }

        if (!ModelState.IsValid)
        {
            return View(model);
        }

        var user = new AppUser { UserName = model.UserName };
        var result = await users.CreateAsync(user, model.Password);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code.StartsWith("Password", StringComparison.Ordinal) ? nameof(model.Password) : nameof(model.UserName), error.Description);
            }

            return View(model);
        }

        logger.LogInformation("New account {UserName} registered", user.UserName);
        await administrators.EnsureAdministratorAsync();
        await signIn.SignOutAsync();
        await signIn.SignInAsync(user, isPersistent: false);
        return RedirectToAction("Index", "Videos");
    }

    /// <summary>
    /// Signs out. The security stamp changes too, so every copy of this user's cookie (another tab, a stolen one) is
    /// refused on its very next request (<see cref="Security.SessionStampCheck"/>), not only this browser's.
    /// </summary>
    [HttpPost]
    public async Task<IActionResult> Logout()
    {
        var user = await users.GetUserAsync(User);
        if (user is not null)
        {
            await users.UpdateSecurityStampAsync(user);
        }

        await signIn.SignOutAsync();
        return RedirectToAction(nameof(Login));
    }

    private ViewResult RegistrationClosed()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View("RegistrationClosed");
    }
}
