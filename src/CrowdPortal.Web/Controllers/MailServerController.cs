using System.Security.Claims;
using CrowdPortal.Web.Notifications;
using CrowdPortal.Web.Security;
using CrowdPortal.Web.ViewModels;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using MimeKit;

namespace CrowdPortal.Web.Controllers;

/// <summary>
/// Admin → Mail server: the SMTP server e-mail channels send through, stored in the database over the <c>Smtp:*</c>
/// settings, and a button that sends a test mail with it. The password is write-only.
/// </summary>
[Authorize(Policy = Administrators.PolicyName)]
[Route("Admin/MailServer")]
public sealed class MailServerController(MailServerStore store, EmailSender email) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => View(await BuildAsync(null, ct));

    [HttpPost("")]
    public async Task<IActionResult> Save([Bind(Prefix = nameof(MailServerPageModel.Form))] MailServerForm form, CancellationToken ct)
    {
        string? error = ModelState.IsValid // only the port can fail to bind
            ? await store.SaveAsync(form.Host, form.Port, form.Security, form.Username, form.Password, form.ClearPassword, form.From, AdminName, ct)
            : "The port must be a number between 1 and 65535.";
        if (error is not null)
        {
            var model = await BuildAsync(form, ct);
            model.Error = error;
            return Refused(model);
        }

        var saved = await BuildAsync(null, ct);
        saved.Message = "Mail server saved: e-mail channels send through it from now on.";
        return View(nameof(Index), saved);
    }

    [HttpPost("Test")]
    public async Task<IActionResult> Test(string? testTo, CancellationToken ct)
    {
        var model = await BuildAsync(null, ct);
        model.TestTo = testTo?.Trim() ?? string.Empty;
        var settings = await store.EffectiveAsync(ct);
        if (!settings.IsConfigured)
        {
            model.Error = "No mail server is set: save one first.";
            return Refused(model);
        }

        if (model.TestTo.Length is 0 or > 320 || !MailboxAddress.TryParse(model.TestTo, out var mailbox) || !mailbox.Address.Contains('@', StringComparison.Ordinal))
        {
            model.Error = "Give one e-mail address to send the test mail to.";
            return Refused(model);
        }

        var outcome = await email.SendAsync(settings, [mailbox.Address], "[CrowdPortal] Test mail",
            $"A test mail from CrowdPortal, sent by {AdminName} from Admin → Mail server: the mail server works.\n", ct);
        if (outcome.Delivered)
        {
            model.Message = $"Test mail sent to {mailbox.Address}.";
        }
        else
        {
            model.Error = outcome.Error;
        }

        return View(nameof(Index), model);
    }

    [HttpPost("Remove")]
    public async Task<IActionResult> Remove(CancellationToken ct)
    {
        await store.RemoveAsync(AdminName, ct);
        return RedirectToAction(nameof(Index));
    }

    private string AdminName => User.FindFirstValue(ClaimTypes.Name) ?? "administrator";

    private ViewResult Refused(MailServerPageModel model)
    {
        var view = View(nameof(Index), model);
        view.StatusCode = StatusCodes.Status400BadRequest;
        return view;
    }

    private async Task<MailServerPageModel> BuildAsync(MailServerForm? posted, CancellationToken ct)
    {
        var stored = await store.StoredAsync(ct);
        var form = posted ?? (stored is null ? MailServerForm.Of(await store.EffectiveAsync(ct))
            : new MailServerForm { Host = stored.Host, Port = stored.Port, Security = stored.Security, Username = stored.Username, From = stored.From });
        form.Password = null; // never sent back, not even the one just typed
        form.ClearPassword = false;
        return new MailServerPageModel
        {
            Form = form,
            FromSettings = stored is null,
            PasswordStored = stored?.PasswordProtected is not null,
            UpdatedAt = stored?.UpdatedAt,
            UpdatedBy = stored?.UpdatedBy,
        };
    }
}
