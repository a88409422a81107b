using System.Data.Common;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using CrowdPortal.Data;
using CrowdPortal.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Adapter;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;

namespace CrowdPortal.Web.Notifications.Mqtt;

/// <summary>
/// One MQTT channel's broker connection, on the node that holds the channel's claim (<see cref="MqttSupervisorHostedService"/>):
/// connects with the last will <c>&lt;prefix&gt;/available</c> = <c>offline</c> (retained), then says <c>online</c>
/// (retained), sends Home Assistant discovery and every zone's state, and from then on publishes the states that change
/// and the channel's events (<c>&lt;prefix&gt;/events</c>, QoS 1, not retained) with the delivery log written as for other
/// kinds. A lost connection is made again after a growing pause; while it is away events wait (failed attempts count
/// towards pausing the channel). The broker's address is checked against the SSRF rules before every connection, and
/// the connection goes to the checked address. It ends when the claim is lost, the channel is paused, changed or
/// deleted, or the node stops — then it says <c>offline</c> itself before disconnecting. Home Assistant sensors of a
/// zone or video that went away, and all of the channel's when it is deleted, are removed with empty retained configs.
/// </summary>
public sealed class MqttChannelConnection(
    long channelId,
    string claim,
    string nodeName,
    IServiceScopeFactory scopes,
    ChannelDeliverer deliverer,
    MqttBrokerAddressPolicy brokers,
    MqttBrokerTrust trust,
    ChannelSecretProtector secrets,
    DispatchBroadcast dispatched,
    IOptions<NotificationSettings> settings,
    TimeProvider clock,
    ILogger logger)
{
    /// <summary>How often the claim is renewed: a third of <see cref="NotificationSettings.ClaimFor"/>, as the webhook sender does.</summary>
    private TimeSpan RenewEvery => settings.Value.ClaimFor / 3;

    private static readonly TimeSpan StatesEvery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);
    private const int EventsPerTick = 50;

    private readonly Dictionary<string, string> _published = new(StringComparer.Ordinal);
    private readonly HashSet<string> _discovered = new(StringComparer.Ordinal);
    private volatile bool _homeAssistantRestarted;

    /// <summary>Why the broker's certificate was refused on the last attempt (<see cref="MqttBrokerTrust"/>); null when it was not.</summary>
    private volatile string? _certificateRefused;

    public long ChannelId => channelId;

    /// <summary>The channel's broker settings when the connection started; a change ends it (the supervisor starts a new one).</summary>
    public string? Fingerprint { get; private set; }

    public static string FingerprintOf(NotificationChannel c) =>
        string.Join('|', c.MqttHost, c.MqttPort, c.MqttTls, c.MqttUsername, c.SecretProtected, c.MqttTopicPrefix, c.VideoIds, c.UserId);

    public async Task RunAsync(CancellationToken stop)
    {
        int attempt = 0;
        while (!stop.IsCancellationRequested)
        {
            var channel = await LoadAsync(stop);
            if (channel is null || channel.PausedAt is not null || (Fingerprint is not null && Fingerprint != FingerprintOf(channel)))
            {
                return;
            }

            Fingerprint ??= FingerprintOf(channel);
            using var client = new MqttClientFactory().CreateMqttClient();
            string endpoint = $"{channel.MqttHost}:{channel.MqttPort}";
            try
            {
                await ConnectAsync(client, channel, stop);
                attempt = 0;
                await SetConnectionAsync($"connected to {endpoint} since {Now:yyyy-MM-dd HH:mm:ss} UTC (node {nodeName})");
                logger.LogInformation("MQTT channel {ChannelId}: connected to its broker", channelId);
                await ServeAsync(client, channel, stop);
                await ForgetIfDeletedAsync(client, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // stopping; the finally below says offline
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stop.IsCancellationRequested)
            {
                attempt++;
                string reason = _certificateRefused is { } refused ? refused + "." : Describe(ex);
                var wait = Backoff(attempt);
                logger.LogWarning("MQTT channel {ChannelId}: no broker connection ({Reason}); trying again in {Seconds:0} s", channelId, reason, wait.TotalSeconds);
                await SetConnectionAsync($"not connected to {endpoint}: {reason} Trying again at {Now + wait:HH:mm:ss} UTC (node {nodeName}).");
                await RecordWaitingAsync(channel, reason);
                try
                {
                    await Task.Delay(wait, clock, stop);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            finally
            {
                await SayOfflineAsync(client, channel);
            }
        }
    }

    private async Task ConnectAsync(IMqttClient client, NotificationChannel channel, CancellationToken stop)
    {
        string host = channel.MqttHost!;
        string prefix = channel.MqttTopicPrefix!;
        _certificateRefused = null;
        var address = await brokers.ResolveCheckedAsync(host, stop);
        var builder = new MqttClientOptionsBuilder()
            .WithEndPoint(new IPEndPoint(address, channel.MqttPort ?? MqttChannelRules.DefaultPort))
            .WithClientId(MqttIds.ClientId(channel.UserId, channelId))
            .WithCleanSession()
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15))
            .WithTimeout(ConnectTimeout)
            .WithWillTopic(MqttTopics.Available(prefix))
            .WithWillPayload(MqttTopics.Offline)
            .WithWillRetain()
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (channel.MqttUsername is { } username)
        {
            string? password = channel.SecretProtected is null ? null : secrets.Unprotect(channel.SecretProtected);
            builder = builder.WithCredentials(username, password);
        }

        if (channel.MqttTls)
        {
            // The connection goes to the checked address; the certificate is checked against the host name.
            builder = builder.WithTlsOptions(o => o.UseTls().WithTargetHost(host).WithCertificateValidationHandler(e =>
            {
                _certificateRefused = trust.Check(e.Certificate, e.Chain, e.SslPolicyErrors);
                return _certificateRefused is null;
            }));
        }

        client.ApplicationMessageReceivedAsync += e =>
        {
            if (e.ApplicationMessage.Topic == MqttTopics.HomeAssistantStatus && e.ApplicationMessage.ConvertPayloadToString() == MqttTopics.Online)
            {
                _homeAssistantRestarted = true;
            }

            return Task.CompletedTask;
        };

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop);
        timeout.CancelAfter(ConnectTimeout);
        var result = await client.ConnectAsync(builder.Build(), timeout.Token);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new MqttBrokerAnswerException($"the broker refused the connection ({result.ResultCode})");
        }

        await PublishAsync(client, MqttTopics.Available(prefix), MqttTopics.Online, retain: true, stop);
        await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(MqttTopics.HomeAssistantStatus, MqttQualityOfServiceLevel.AtLeastOnce).Build(), stop);
        _published.Clear();
        _discovered.Clear();
    }

    /// <summary>Publishes states and events until the connection drops, the claim is lost or the channel changes.</summary>
    private async Task ServeAsync(IMqttClient client, NotificationChannel channel, CancellationToken stop)
    {
        var tick = TimeSpan.FromMilliseconds(Math.Min(settings.Value.PollMilliseconds, 500));
        var nextStates = DateTime.MinValue;
        var nextRenew = Now + RenewEvery;
        while (!stop.IsCancellationRequested)
        {
            if (!client.IsConnected)
            {
                throw new MqttBrokerAnswerException("the connection to the broker was lost");
            }

            if (Now >= nextRenew)
            {
                if (!await RenewAsync(stop))
                {
                    return; // another node holds it now, or the channel is gone, paused or changed
                }

                nextRenew = Now + RenewEvery;
            }

            if (Now >= nextStates || _homeAssistantRestarted)
            {
                await PublishStatesAsync(client, channel, stop);
                nextStates = Now + StatesEvery;
            }

            var woken = dispatched.Next; // taken before looking, so events fanned out meanwhile wake the wait below
            int sent = await PublishEventsAsync(client, channel, stop);
            if (sent < 0)
            {
                return;
            }

            if (sent < EventsPerTick)
            {
                // A full batch means a backlog: go on at once. Otherwise wait for the tick, or for this node's sender to
                // fan out new events (another node's are seen at the tick).
                await Task.WhenAny(woken, Task.Delay(tick, clock, stop));
            }
        }
    }

    private async Task PublishStatesAsync(IMqttClient client, NotificationChannel channel, CancellationToken ct)
    {
        string prefix = channel.MqttTopicPrefix!;
        List<MqttVideo> videos;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
            videos = await MqttZoneStates.ReadAsync(db, channel.UserId, ChannelFilter.SplitIds(channel.VideoIds), ct);
        }

        if (_homeAssistantRestarted)
        {
            _homeAssistantRestarted = false;
            _discovered.Clear();
        }

        var discovery = HomeAssistantDiscovery.Messages(channel.UserId, channelId, prefix, videos).ToList();
        foreach (var message in discovery)
        {
            if (_discovered.Add(message.Topic))
            {
                // The same sensor under its id from before ids held the owner's tag goes first, so an upgraded portal's
                // sensors are not in Home Assistant twice (an empty retained config where there was none changes nothing).
                await PublishAsync(client, message.UntaggedTopic, string.Empty, retain: true, ct);
                await PublishAsync(client, message.Topic, message.Payload, retain: true, ct);
            }
        }

        if (_discovered.Count > discovery.Count)
        {
            // A zone or video gone since (deleted, or its zones redrawn): its sensors go from Home Assistant too.
            var current = discovery.Select(d => d.Topic).ToHashSet(StringComparer.Ordinal);
            foreach (string gone in _discovered.Where(t => !current.Contains(t)).ToList())
            {
                await PublishAsync(client, gone, string.Empty, retain: true, ct);
                _discovered.Remove(gone);
            }
        }

        foreach (var video in videos)
        {
            foreach (var zone in video.Zones)
            {
                foreach (var (metric, value) in zone.Values)
                {
                    string topic = MqttTopics.ZoneMetric(prefix, video.Slug, zone.ZoneId, metric);
                    if (!_published.TryGetValue(topic, out var old) || old != value)
                    {
                        await PublishAsync(client, topic, value, retain: true, ct);
                        _published[topic] = value;
                    }
                }
            }
        }
    }

    /// <summary>
    /// When the channel was deleted, removes its Home Assistant sensors: an empty retained payload on each config topic
    /// this connection sent (Home Assistant's documented way to remove a discovered entity), so the broker keeps no stale
    /// config. Config topics hold the channel's id and its owner's tag, so no other channel's sensors are touched; the
    /// state topics stay, as another channel with the same prefix may publish them too.
    /// </summary>
    private async Task ForgetIfDeletedAsync(IMqttClient client, CancellationToken ct)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
            if (await db.NotificationChannels.AnyAsync(c => c.Id == channelId, ct))
            {
                return;
            }
        }

        foreach (string topic in _discovered)
        {
            await PublishAsync(client, topic, string.Empty, retain: true, ct);
        }

        logger.LogInformation("MQTT channel {ChannelId}: deleted; its {Count} Home Assistant sensors were removed from the broker", channelId, _discovered.Count);
        _discovered.Clear();
    }

    /// <summary>Sends up to <see cref="EventsPerTick"/> of the channel's waiting events, oldest first: how many, or -1 when the claim was lost.</summary>
    private async Task<int> PublishEventsAsync(IMqttClient client, NotificationChannel channel, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
        var pending = await db.NotificationDeliveries.AsNoTracking()
            .Where(d => d.ChannelId == channelId && d.DeliveredAt == null)
            .OrderBy(d => d.Id)
            .Select(d => new { d.Id, d.Attempts, d.Event!.Body })
            .Take(EventsPerTick)
            .ToListAsync(ct);
        if (pending.Count == 0)
        {
            return 0;
        }

        int failures = await db.NotificationChannels.Where(c => c.Id == channelId).Select(c => c.ConsecutiveFailures).FirstOrDefaultAsync(ct);
        string topic = MqttTopics.Events(channel.MqttTopicPrefix!);
        foreach (var next in pending)
        {
            DeliveryOutcome outcome;
            try
            {
                var result = await client.PublishAsync(Message(topic, next.Body, retain: false), ct);
                outcome = result.IsSuccess
                    ? new DeliveryOutcome(true, null, null, null)
                    : new DeliveryOutcome(false, null, $"The broker did not accept the message ({result.ReasonCode}).", null);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                outcome = new DeliveryOutcome(false, null, $"The message could not be published: {Describe(ex)}", null);
            }

            failures = outcome.Delivered ? 0 : failures + 1;
            if (!await deliverer.RecordAsync(db, channelId, claim, [(next.Id, next.Attempts + 1)], outcome, failures))
            {
                return -1;
            }

            if (!outcome.Delivered)
            {
                throw new MqttBrokerAnswerException(outcome.Error!);
            }
        }

        return pending.Count;
    }

    /// <summary>While the broker is away, the oldest waiting event logs the failed attempt (and counts towards a pause).</summary>
    private async Task RecordWaitingAsync(NotificationChannel channel, string reason)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
            var oldest = await db.NotificationDeliveries.AsNoTracking()
                .Where(d => d.ChannelId == channelId && d.DeliveredAt == null).OrderBy(d => d.Id)
                .Select(d => new { d.Id, d.Attempts }).FirstOrDefaultAsync();
            if (oldest is null)
            {
                return;
            }

            int failures = await db.NotificationChannels.Where(c => c.Id == channelId).Select(c => c.ConsecutiveFailures).FirstOrDefaultAsync() + 1;
            await deliverer.RecordAsync(db, channelId, claim, [(oldest.Id, oldest.Attempts + 1)],
                new DeliveryOutcome(false, null, $"Not connected to the MQTT broker: {reason}", null), failures);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            logger.LogWarning("MQTT channel {ChannelId}: the failed attempt could not be logged (is the database away?)", channel.Id);
        }
    }

    /// <summary>Says <c>offline</c> (retained) and disconnects cleanly; a clean disconnect does not fire the last will.</summary>
    private async Task SayOfflineAsync(IMqttClient client, NotificationChannel channel)
    {
        if (!client.IsConnected)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            await PublishAsync(client, MqttTopics.Available(channel.MqttTopicPrefix!), MqttTopics.Offline, retain: true, timeout.Token);
            await client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), timeout.Token);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            logger.LogDebug(ex, "MQTT channel {ChannelId}: the broker connection ended uncleanly (its last will says offline)", channelId);
        }
    }

    private static async Task PublishAsync(IMqttClient client, string topic, string payload, bool retain, CancellationToken ct)
    {
        var result = await client.PublishAsync(Message(topic, payload, retain), ct);
        if (!result.IsSuccess)
        {
            throw new MqttBrokerAnswerException($"the broker did not accept a message on {topic} ({result.ReasonCode})");
        }
    }

    private static MqttApplicationMessage Message(string topic, string payload, bool retain) => new MqttApplicationMessageBuilder()
        .WithTopic(topic)
        .WithPayload(payload)
        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
        .WithRetainFlag(retain)
        .Build();

    private async Task<NotificationChannel?> LoadAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
        return await db.NotificationChannels.AsNoTracking().FirstOrDefaultAsync(c => c.Id == channelId && c.ClaimedBy == claim, ct);
    }

    /// <summary>Extends the claim; false when it was lost or the channel was paused or changed since the connection started.</summary>
    private async Task<bool> RenewAsync(CancellationToken ct)
    {
        var channel = await LoadAsync(ct);
        if (channel is null || channel.PausedAt is not null || FingerprintOf(channel) != Fingerprint)
        {
            return false;
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
        var until = Now + settings.Value.ClaimFor;
        return await db.NotificationChannels.Where(c => c.Id == channelId && c.ClaimedBy == claim)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ClaimedUntil, until), ct) == 1;
    }

    private async Task SetConnectionAsync(string text)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<CrowdPortalDbContext>();
            string value = text.Length <= 500 ? text : text[..500];
            await db.NotificationChannels.Where(c => c.Id == channelId && c.ClaimedBy == claim)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.MqttConnection, value));
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            logger.LogDebug(ex, "MQTT channel {ChannelId}: its connection state could not be stored", channelId);
        }
    }

    /// <summary>Why a connection failed, in words for the user, without addresses or credentials.</summary>
    private static string Describe(Exception ex) => ex switch
    {
        MqttBrokerRefusedException refused => $"refused: {refused.Message}.",
        MqttBrokerAnswerException answer => answer.Message + ".",
        CryptographicException => "the channel's password cannot be decrypted on the server (its keys were replaced); set it again.",
        SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData } => "the broker's host name does not resolve.",
        MqttCommunicationTimedOutException or OperationCanceledException => "the broker did not answer in time.",
        MqttConnectingFailedException => "the broker refused the connection (user name or password wrong, or not allowed).",
        _ when ex.InnerException is SocketException || ex is MqttCommunicationException => "the broker could not be reached (connection refused, reset or unreachable).",
        _ => "the connection to the broker failed.",
    };

    /// <summary>Initial × 2^(attempt−1), at most the maximum (the notification back-off settings), ±20 % jitter.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var s = settings.Value;
        double seconds = Math.Min(s.InitialBackoffSeconds * Math.Pow(2, Math.Min(attempt - 1, 30)), Math.Min(s.MaxBackoffSeconds, 60));
        return TimeSpan.FromSeconds(seconds * (0.8 + (0.4 * Random.Shared.NextDouble())));
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}

/// <summary>The broker answered, but not as hoped (refused a connection or a message), or the connection was lost.</summary>
public sealed class MqttBrokerAnswerException(string reason) : Exception(reason);
