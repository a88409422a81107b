using CrowdPortal.Web.Infrastructure;
using CrowdPortal.Web.Notifications;
using CrowdPortal.Web.ViewModels;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CrowdPortal.Web.Controllers;

/// <summary>
/// Settings → Notifications: list channels and their deliveries, create a webhook or an e-mail channel, change what a
/// channel receives (events, videos/cameras, minimum level), test, resume and delete.
/// </summary>
[Authorize]
[Route("Settings/Notifications")]
public sealed class NotificationsController(NotificationChannelService channels, ChannelSubscription subscriptions) : Controller
{
    private const int DeliveriesShown = 10;

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => View(await BuildAsync(ct));

    [HttpPost("Create")]
    public async Task<IActionResult> Create([Bind(Prefix = nameof(NotificationsPageModel.Form))] ChannelForm form, CancellationToken ct)
    {
        bool email = form.Kind == NotificationChannelService.EmailKind;
        var request = new ChannelRequest(email ? NotificationChannelService.EmailKind : NotificationChannelService.WebhookKind, form.Name,
            email ? null : form.Url, form.Events, form.VideoIds.Count == 0 ? null : form.VideoIds, string.IsNullOrEmpty(form.MinLevel) ? null : form.MinLevel, email ? form.To : null);
        var result = await channels.CreateAsync(User.GetUserId(), request, ct);
        var model = await BuildAsync(ct);
        if (result.Channel is null)
        {
            model.Form = form;
            return Refused(model, result.Error);
        }

        model.NewSecret = result.Channel.Secret;
        model.NewChannelName = result.Channel.Name;
        model.Message = result.Channel.Secret is null ? $"E-mail channel {result.Channel.Name} created." : null;
        return View(nameof(Index), model);
    }

    /// <summary>Changes what the channel receives; its kind, address and secret stay.</summary>
    [HttpPost("{id:long}/Change")]
    public async Task<IActionResult> Change(long id, [Bind(Prefix = "Change")] ChannelChangeForm form, CancellationToken ct)
    {
        var result = await subscriptions.ChangeAsync(User.GetUserId(), id, form.Name, form.Events,
            form.VideoIds.Count == 0 ? null : form.VideoIds, string.IsNullOrEmpty(form.MinLevel) ? null : form.MinLevel, ct);
        if (result is null)
        {
            return NotFound();
        }

        var model = await BuildAsync(ct);
        if (result.Channel is null)
        {
            return Refused(model, result.Error);
        }

        model.Message = $"Channel {result.Channel.Name} changed.";
        return View(nameof(Index), model);
    }

    [HttpPost("CreateMqtt")]
    public async Task<IActionResult> CreateMqtt([Bind(Prefix = nameof(NotificationsPageModel.Mqtt))] MqttChannelForm form, CancellationToken ct)
    {
        var result = await channels.CreateAsync(User.GetUserId(), form.ToRequest(), ct);
        form.Password = null; // never written back into the page
        var model = await BuildAsync(ct);
        if (result.Channel is null)
        {
            model.Mqtt = form;
            return Refused(model, result.Error);
        }

        model.Message = $"MQTT channel {result.Channel.Name} created: it connects to its broker within a few seconds.";
        return View(nameof(Index), model);
    }

    [HttpPost("{id:long}/Test")]
    public async Task<IActionResult> Test(long id, CancellationToken ct) =>
        await channels.SendTestAsync(User.GetUserId(), id, ct) is null ? NotFound() : RedirectToAction(nameof(Index));

    [HttpPost("{id:long}/Resume")]
    public async Task<IActionResult> Resume(long id, CancellationToken ct) =>
        await channels.ResumeAsync(User.GetUserId(), id, ct) is null ? NotFound() : RedirectToAction(nameof(Index));

    [HttpPost("{id:long}/Delete")]
    public async Task<IActionResult> Delete(long id, CancellationToken ct) =>
        await channels.DeleteAsync(User.GetUserId(), id, ct) ? RedirectToAction(nameof(Index)) : NotFound();

    /// <summary>The page again with <paramref name="error"/> above the form the user filled, answered with a 400.</summary>
    private ViewResult Refused(NotificationsPageModel model, string? error)
    {
        model.Error = error;
        var view = View(nameof(Index), model);
        view.StatusCode = StatusCodes.Status400BadRequest;
        return view;
    }

    private async Task<NotificationsPageModel> BuildAsync(CancellationToken ct)
    {
        string userId = User.GetUserId();
        var list = await channels.ListAsync(userId, ct);
        var deliveries = new Dictionary<long, List<DeliveryDto>>();
        foreach (var channel in list)
        {
            deliveries[channel.Id] = await channels.DeliveriesAsync(userId, channel.Id, DeliveriesShown, ct) ?? [];
        }

        return new NotificationsPageModel { Channels = list, Deliveries = deliveries, Subjects = await subscriptions.SubjectsAsync(userId, ct) };
    }
}
