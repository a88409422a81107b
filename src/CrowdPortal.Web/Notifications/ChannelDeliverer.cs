using System.Security.Cryptography;
using CrowdPortal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CrowdPortal.Web.Notifications;

/// <summary>
/// Sends a channel's pending deliveries, oldest first, from one node at a time: the node claims the channel row with a
/// conditional update (<c>… WHERE claimed_until IS NULL OR claimed_until &lt; now</c>), renews the claim every third of
/// <see cref="NotificationSettings.ClaimSeconds"/> while it sends (an attempt may outlast the claim) and releases it at
/// the end; a dead node's claim lapses after <see cref="NotificationSettings.ClaimSeconds"/>, or is freed at once by
/// <see cref="ReleaseStaleClaimsAsync"/> when its node starts again. A failed attempt stops
/// the turn and sets the channel's next attempt after an exponential back-off (the same delivery, with the same
/// <c>webhook-id</c>, goes first next time); <see cref="NotificationSettings.MaxFailures"/> failures in a row pause the
/// channel until its owner resumes it. Pending deliveries wait in the database through restarts and outages.
/// An e-mail channel sends one mail per zone (or camera, or video) at most every
/// <see cref="NotificationSettings.EmailDigestMinutes"/>: what arrives in between waits and is folded into the next mail.
/// </summary>
public sealed class ChannelDeliverer(
    IServiceScopeFactory scopes,
    WebhookClient webhooks,
    EmailSender email,
    ChannelSecretProtector secrets,
    IOptions<NotificationSettings> settings,
    TimeProvider clock,
    ILogger<ChannelDeliverer> logger)
{
    /// <summary>Most deliveries sent to one channel in one turn, so other channels get theirs.</summary>
    private const int MaxPerTurn = 50;

    /// <summary>
    /// Channels with pending deliveries that may be attempted now (not paused, not backing off, not claimed). MQTT channels
    /// are not among them: the node holding a channel's broker connection sends its events (<c>MqttChannelConnection</c>).
    /// </summary>
    public async Task<List<long>> DueChannelsAsync(CrowdPortalDbContext db, CancellationToken ct)
    {
        var now = Now;
        return await db.NotificationChannels.AsNoTracking()
            .Where(c => c.Kind != NotificationChannelService.MqttKind && c.PausedAt == null && (c.RetryAt == null || c.RetryAt <= now) && (c.ClaimedUntil == null || c.ClaimedUntil < now)
                && db.NotificationDeliveries.Any(d => d.ChannelId == c.Id && d.DeliveredAt == null))
            .OrderBy(c => c.Id).Select(c => c.Id).Take(64).ToListAsync(ct);
    }

    /// <summary>Claims the channel and sends what is pending; does nothing when another node holds it.</summary>
    public async Task DeliverAsync(long channelId, string round, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
        string claim = $"{round}/{channelId}";
        var now = Now;
        var until = now + ClaimFor;
        int won = await db.NotificationChannels
            .Where(c => c.Id == channelId && c.PausedAt == null && (c.ClaimedUntil == null || c.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ClaimedBy, claim).SetProperty(c => c.ClaimedUntil, until), ct);
        if (won == 0)
        {
            return;
        }

        using var sending = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var renewal = RenewWhileSendingAsync(channelId, claim, sending.Token);
        try
        {
            await SendPendingAsync(db, scope.ServiceProvider.GetRequiredService<MailServerStore>(), channelId, claim, ct);
        }
        finally
        {
            await sending.CancelAsync();
            await renewal;
            await db.NotificationChannels.Where(c => c.Id == channelId && c.ClaimedBy == claim)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.ClaimedBy, (string?)null).SetProperty(c => c.ClaimedUntil, (DateTime?)null), CancellationToken.None);
        }
    }

    /// <summary>
    /// Frees the channel claims a previous run of this process left when it was killed, so its channels are sent at once
    /// rather than after their claims lapse: in the single-process portal every claim (no other node can hold one), in a
    /// cluster those made under this node's name (a node restarted with the same <c>Cluster:NodeName</c>).
    /// </summary>
    public async Task<int> ReleaseStaleClaimsAsync(CrowdPortalDbContext db, string? nodeName, CancellationToken ct)
    {
        var claimed = db.NotificationChannels.Where(c => c.ClaimedBy != null);
        if (nodeName is not null)
        {
            string prefix = nodeName + "/";
            claimed = claimed.Where(c => c.ClaimedBy!.StartsWith(prefix));
        }

        int freed = await claimed.ExecuteUpdateAsync(
            s => s.SetProperty(c => c.ClaimedBy, (string?)null).SetProperty(c => c.ClaimedUntil, (DateTime?)null), ct);
        if (freed > 0)
        {
            logger.LogInformation("Notifications: freed {Count} channel claims left by a process that stopped without releasing them", freed);
        }

        return freed;
    }

    /// <summary>Keeps the claim alive while a turn sends (an attempt may take longer than the claim); a failed renewal is tried again.</summary>
    private async Task RenewWhileSendingAsync(long channelId, string claim, CancellationToken ct)
    {
        var every = ClaimFor / 3;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, clock, ct);
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
                var until = Now + ClaimFor;
                await db.NotificationChannels.Where(c => c.Id == channelId && c.ClaimedBy == claim)
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.ClaimedUntil, until), ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogDebug(ex, "Notifications: renewing the claim on channel {ChannelId} failed; trying again", channelId);
            }
        }
    }

    private async Task SendPendingAsync(CrowdPortalDbContext db, MailServerStore mailServer, long channelId, string claim, CancellationToken ct)
    {
        var channel = await db.NotificationChannels.AsNoTracking().FirstOrDefaultAsync(c => c.Id == channelId, ct);
        if (channel is null || channel.PausedAt is not null || channel.Kind == NotificationChannelService.MqttKind)
        {
            return;
        }

        if (channel.Kind == NotificationChannelService.EmailKind)
        {
            await SendMailsAsync(db, await mailServer.EffectiveAsync(ct), channel.Id, NotificationChannelService.SplitRecipients(channel.EmailTo), channel.ConsecutiveFailures, claim, ct);
            return;
        }

        if (channel.Url is null || channel.SecretProtected is null)
        {
            return;
        }

        string secret;
        try
        {
            secret = secrets.Unprotect(channel.SecretProtected);
        }
        catch (CryptographicException)
        {
            logger.LogError("Notification channel {ChannelId}: its secret cannot be decrypted (were the data protection keys replaced?)", channelId);
            await PauseAsync(db, channelId, claim, "The channel's secret cannot be decrypted on the server (its keys were replaced): delete the channel and create it again.");
            return;
        }

        int failures = channel.ConsecutiveFailures;
        for (int i = 0; i < MaxPerTurn; i++)
        {
            var next = await db.NotificationDeliveries.AsNoTracking()
                .Where(d => d.ChannelId == channelId && d.DeliveredAt == null)
                .OrderBy(d => d.Id)
                .Select(d => new { d.Id, d.MessageId, d.Attempts, d.Event!.Body })
                .FirstOrDefaultAsync(ct);
            if (next is null)
            {
                return;
            }

            var outcome = await webhooks.SendAsync(channel.Url, secret, next.MessageId, next.Body, ct);
            failures = outcome.Delivered ? 0 : failures + 1;
            if (!await RecordAsync(db, channelId, claim, [(next.Id, next.Attempts + 1)], outcome, failures) || !outcome.Delivered)
            {
                return;
            }
        }
    }

    /// <summary>
    /// One mail per digest key (zone, camera or video) whose last mail is older than the digest window, holding every
    /// event of that key that waits; keys still inside their window wait for a later round.
    /// </summary>
    private async Task SendMailsAsync(CrowdPortalDbContext db, SmtpSettings smtp, long channelId, string[] to, int failures, string claim, CancellationToken ct)
    {
        var pending = await db.NotificationDeliveries.AsNoTracking()
            .Where(d => d.ChannelId == channelId && d.DeliveredAt == null)
            .OrderBy(d => d.Id)
            .Select(d => new { d.Id, d.Attempts, d.Event!.ZoneKey, d.Event.Body })
            .Take(500)
            .ToListAsync(ct);
        var window = TimeSpan.FromMinutes(settings.Value.EmailDigestMinutes);
        foreach (var group in pending.GroupBy(p => p.ZoneKey ?? "#" + p.Id))
        {
            string? key = group.First().ZoneKey;
            if (key is not null && window > TimeSpan.Zero)
            {
                var last = await db.NotificationDeliveries
                    .Where(d => d.ChannelId == channelId && d.DeliveredAt != null && d.Event!.ZoneKey == key)
                    .MaxAsync(d => d.DeliveredAt, ct);
                if (last is DateTime sent && Now - sent < window)
                {
                    continue; // folded into the next mail of this zone
                }
            }

            var mail = EmailDigest.Compose(group.Select(g => g.Body).ToList());
            var outcome = await email.SendAsync(smtp, to, mail.Subject, mail.Text, ct);
            failures = outcome.Delivered ? 0 : failures + 1;
            if (!await RecordAsync(db, channelId, claim, group.Select(g => (g.Id, g.Attempts + 1)).ToList(), outcome, failures) || !outcome.Delivered)
            {
                return;
            }
        }
    }

    /// <summary>Logs the attempt on its deliveries and its effect on the channel, together; false when the claim was lost.</summary>
    internal async Task<bool> RecordAsync(
        CrowdPortalDbContext db, long channelId, string claim, IReadOnlyList<(long Id, int Attempts)> deliveries, DeliveryOutcome outcome, int failures)
    {
        var now = Now;
        var s = settings.Value;
        bool pause = failures >= s.MaxFailures;
        DateTime? retryAt = outcome.Delivered ? null : now + Backoff(failures);
        string reason = Truncate($"Paused after {failures} failed attempts in a row. The last: {outcome.Error}", 1000)!;
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        foreach (var (deliveryId, attempts) in deliveries)
        {
            await db.NotificationDeliveries.Where(d => d.Id == deliveryId).ExecuteUpdateAsync(u => u
                .SetProperty(d => d.Attempts, attempts)
                .SetProperty(d => d.LastAttemptAt, now)
                .SetProperty(d => d.LastStatusCode, outcome.StatusCode)
                .SetProperty(d => d.LastError, Truncate(outcome.Error, 1000))
                .SetProperty(d => d.LastResponse, Truncate(outcome.Response, WebhookClient.MaxResponseBytes))
                .SetProperty(d => d.DeliveredAt, outcome.Delivered ? now : (DateTime?)null), CancellationToken.None);
        }

        var mine = db.NotificationChannels.Where(c => c.Id == channelId && c.ClaimedBy == claim);
        int held = pause
            ? await mine.ExecuteUpdateAsync(u => u
                .SetProperty(c => c.ConsecutiveFailures, failures)
                .SetProperty(c => c.RetryAt, retryAt)
                .SetProperty(c => c.PausedAt, now)
                .SetProperty(c => c.PauseReason, reason)
                .SetProperty(c => c.ClaimedUntil, now + ClaimFor), CancellationToken.None)
            : await mine.ExecuteUpdateAsync(u => u
                .SetProperty(c => c.ConsecutiveFailures, failures)
                .SetProperty(c => c.RetryAt, retryAt)
                .SetProperty(c => c.ClaimedUntil, now + ClaimFor), CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        if (pause)
        {
            logger.LogWarning("Notification channel {ChannelId} paused after {Failures} failed attempts in a row", channelId, failures);
        }

        return held == 1;
    }

    private async Task PauseAsync(CrowdPortalDbContext db, long channelId, string claim, string reason)
    {
        var now = Now;
        await db.NotificationChannels.Where(c => c.Id == channelId && c.ClaimedBy == claim)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.PausedAt, now).SetProperty(c => c.PauseReason, reason), CancellationToken.None);
    }

    /// <summary>Initial × 2^(failures−1), at most the maximum, with ±20 % jitter so many channels do not retry in step.</summary>
    private TimeSpan Backoff(int failures)
    {
        var s = settings.Value;
        double seconds = Math.Min(s.InitialBackoffSeconds * Math.Pow(2, Math.Min(failures - 1, 30)), s.MaxBackoffSeconds);
        return TimeSpan.FromSeconds(seconds * (0.8 + (0.4 * Random.Shared.NextDouble())));
    }

    private static string? Truncate(string? text, int max) => text is null || text.Length <= max ? text : text[..max];

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>How long a claim holds without renewal.</summary>
    private TimeSpan ClaimFor => settings.Value.ClaimFor;
}
