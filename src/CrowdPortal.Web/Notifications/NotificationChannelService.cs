using CrowdPortal.Core.Alerts;
using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using CrowdPortal.Web.Notifications.Mqtt;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace CrowdPortal.Web.Notifications;

/// <summary>
/// A user's notification channels: list, create (a webhook's secret is generated, stored encrypted and returned once), change,
/// delete, resume after a pause, queue a test event, and read the delivery log. Every query is filtered by the owner:
/// another user's channel is "not found".
/// </summary>
public sealed class NotificationChannelService(
    CrowdPortalDbContext db,
    WebhookAddressPolicy addresses,
    ChannelSecretProtector secrets,
    NotificationEvents events,
    MailServerStore mailServer,
    MqttChannelRules mqtt,
    ChannelReceivesRules receives,
    TimeProvider clock)
{
    public const int MaxChannelsPerUser = 20;
    public const string WebhookKind = "webhook";
    public const string EmailKind = "email";
    public const string MqttKind = MqttChannelRules.Kind;
    public const int MaxRecipients = 10;

    /// <summary>The channel saved (with <see cref="ChannelDto.Secret"/> on creation), or why not.</summary>
    public sealed record SaveResult(ChannelDto? Channel, string? Error);

    public async Task<List<ChannelDto>> ListAsync(string userId, CancellationToken ct)
    {
        var rows = await db.NotificationChannels.AsNoTracking().Where(c => c.UserId == userId).OrderBy(c => c.Id)
            .Select(c => new { Channel = c, Pending = db.NotificationDeliveries.Count(d => d.ChannelId == c.Id && d.DeliveredAt == null) })
            .ToListAsync(ct);
        return rows.Select(r => ChannelDto.From(r.Channel, r.Pending)).ToList();
    }

    public async Task<ChannelDto?> FindAsync(string userId, long id, CancellationToken ct)
    {
        var row = await db.NotificationChannels.AsNoTracking().Where(c => c.Id == id && c.UserId == userId)
            .Select(c => new { Channel = c, Pending = db.NotificationDeliveries.Count(d => d.ChannelId == c.Id && d.DeliveredAt == null) })
            .FirstOrDefaultAsync(ct);
        return row is null ? null : ChannelDto.From(row.Channel, row.Pending);
    }

    public async Task<SaveResult> CreateAsync(string userId, ChannelRequest request, CancellationToken ct)
    {
        if (await db.NotificationChannels.CountAsync(c => c.UserId == userId, ct) >= MaxChannelsPerUser)
        {
            return new SaveResult(null, $"You have {MaxChannelsPerUser} channels already, the most an account may have. Delete one first.");
        }

        if (await ValidateAsync(userId, request, ct) is { } error)
        {
            return new SaveResult(null, error);
        }

        string kind = request.Kind ?? WebhookKind;
        string? secret = kind == WebhookKind ? WebhookSignature.NewSecret() : null;
        var channel = new NotificationChannel
        {
            UserId = userId,
            Kind = kind,
            Name = request.Name!.Trim(),
            Events = string.Empty,
            SecretProtected = secret is null ? null : secrets.Protect(secret),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        Apply(channel, request);
        db.NotificationChannels.Add(channel);
        await db.SaveChangesAsync(ct);
        return new SaveResult(ChannelDto.From(channel, 0) with { Secret = secret }, null);
    }

    /// <summary>Changes name, URL, events and filters (the kind and the secret stay); null when there is no such channel of the user's.</summary>
    public async Task<SaveResult?> UpdateAsync(string userId, long id, ChannelRequest request, CancellationToken ct)
    {
        var channel = await db.NotificationChannels.FirstOrDefaultAsync(c => c.Id == id && c.UserId == userId, ct);
        if (channel is null)
        {
            return null;
        }

        if (request.Kind is not null && request.Kind != channel.Kind)
        {
            return new SaveResult(null, "A channel's kind cannot change; create a new channel instead.");
        }

        if (await ValidateAsync(userId, request with { Kind = channel.Kind }, ct) is { } error)
        {
            return new SaveResult(null, error);
        }

        Apply(channel, request with { Kind = channel.Kind });
        await db.SaveChangesAsync(ct);
        return new SaveResult(await FindAsync(userId, id, ct), null);
    }

    /// <summary>Deletes the channel with its pending deliveries and log.</summary>
    public async Task<bool> DeleteAsync(string userId, long id, CancellationToken ct) =>
        await db.NotificationChannels.Where(c => c.Id == id && c.UserId == userId).ExecuteDeleteAsync(ct) > 0;

    /// <summary>Clears a pause (and the back-off), so waiting deliveries go at the next round.</summary>
    public async Task<ChannelDto?> ResumeAsync(string userId, long id, CancellationToken ct)
    {
        int changed = await db.NotificationChannels.Where(c => c.Id == id && c.UserId == userId).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.PausedAt, (DateTime?)null)
            .SetProperty(c => c.PauseReason, (string?)null)
            .SetProperty(c => c.ConsecutiveFailures, 0)
            .SetProperty(c => c.RetryAt, (DateTime?)null), ct);
        return changed == 0 ? null : await FindAsync(userId, id, ct);
    }

    /// <summary>Puts a test event for this channel alone in the outbox; null when there is no such channel of the user's.</summary>
    public async Task<TestEventDto?> SendTestAsync(string userId, long id, CancellationToken ct)
    {
        var channel = await db.NotificationChannels.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id && c.UserId == userId, ct);
        if (channel is null)
        {
            return null;
        }

        var row = events.Test(userId, channel);
        db.NotificationOutbox.Add(row);
        await db.SaveChangesAsync(ct);
        return new TestEventDto(row.Id, row.Type);
    }

    /// <summary>The newest <paramref name="limit"/> deliveries, newest first; null when there is no such channel of the user's.</summary>
    public async Task<List<DeliveryDto>?> DeliveriesAsync(string userId, long id, int limit, CancellationToken ct)
    {
        if (!await db.NotificationChannels.AnyAsync(c => c.Id == id && c.UserId == userId, ct))
        {
            return null;
        }

        var rows = await db.NotificationDeliveries.AsNoTracking().Where(d => d.ChannelId == id)
            .OrderByDescending(d => d.Id).Take(limit).ToListAsync(ct);
        return rows.Select(DeliveryDto.From).ToList();
    }

    private async Task<string?> ValidateAsync(string userId, ChannelRequest request, CancellationToken ct)
    {
        if (request.Kind is not null and not (WebhookKind or EmailKind or MqttKind))
        {
            return "kind must be \"webhook\", \"email\" or \"mqtt\".";
        }

        if (await receives.CheckAsync(userId, request.Name, request.Events, request.VideoIds, request.MinLevel, ChannelReceivesRules.ForApi, ct) is { } error)
        {
            return error;
        }

        return request.Kind switch
        {
            EmailKind => CheckRecipients(request.To, await mailServer.IsConfiguredAsync(ct)),
            MqttKind => await mqtt.ValidateAsync(request, ct),
            _ => await addresses.CheckUrlAsync(request.Url, ct),
        };
    }

    /// <summary>Null when <paramref name="to"/> is 1 to <see cref="MaxRecipients"/> plain addresses and SMTP is set up.</summary>
    private static string? CheckRecipients(string? to, bool smtpConfigured)
    {
        if (!smtpConfigured)
        {
            return "E-mail is not set up on this portal: the administrator has to configure an SMTP server (Admin → Mail server) first.";
        }

        var addresses = SplitRecipients(to);
        if (addresses.Length is 0 or > MaxRecipients || (to?.Length ?? 0) > 1000)
        {
            return $"Give 1 to {MaxRecipients} e-mail addresses in to, separated by commas.";
        }

        return addresses.FirstOrDefault(a => !IsPlainAddress(a)) is { } bad ? $"'{ChannelReceivesRules.Shorten(bad)}' is not an e-mail address." : null;
    }

    /// <summary>Just an address (<c>ops@example.com</c>): no display name, no group, one @.</summary>
    private static bool IsPlainAddress(string text) =>
        MailboxAddress.TryParse(text, out var mailbox) && mailbox is not null && string.IsNullOrEmpty(mailbox.Name)
        && mailbox.Address.Contains('@', StringComparison.Ordinal);

    /// <summary>The addresses of a comma-separated list.</summary>
    public static string[] SplitRecipients(string? to) =>
        (to ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private void Apply(NotificationChannel channel, ChannelRequest request)
    {
        channel.Name = request.Name!.Trim();
        bool email = request.Kind == EmailKind;
        channel.Url = email || request.Kind == MqttKind ? null : request.Url!.Trim();
        if (request.Kind == MqttKind)
        {
            mqtt.Apply(channel, request);
        }

        channel.EmailTo = email ? string.Join(", ", SplitRecipients(request.To)) : null;
        channel.Events = string.Join(',', request.Events!.Distinct());
        channel.VideoIds = ChannelFilter.JoinIds(request.VideoIds?.Distinct().ToList());
        AlertLevelNames.TryParseAlertLevel(request.MinLevel, out var minLevel); // checked by ValidateAsync
        channel.MinLevel = minLevel;
    }
}
