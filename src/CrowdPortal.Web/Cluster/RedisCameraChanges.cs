using System.Text.Json;
using System.Text.Json.Serialization;
using CrowdPortal.Web.Cameras;
using StackExchange.Redis;

namespace CrowdPortal.Web.Cluster;

/// <summary>
/// Cluster mode: camera changes go out on one Redis pub/sub channel that every node subscribes to (StackExchange.Redis's
/// <see cref="ISubscriber"/>; the node that publishes gets its own message back like the others). Messages are handled
/// in the order they arrive (a <see cref="ChannelMessageQueue"/>), so two quick privacy changes end at the later one.
/// The library subscribes again by itself after a lost connection; what was published meanwhile is lost, and the
/// cameras' periodic re-read catches it up.
/// </summary>
public sealed class RedisCameraChanges(IConnectionMultiplexer redis, CameraRuntime runtime, ILogger<RedisCameraChanges> logger)
    : CameraChanges(runtime, logger), IHostedService
{
    private static readonly RedisChannel Channel = RedisChannel.Literal(ClusterServiceCollectionExtensions.RedisPrefix + "camera-changes");
    private static readonly TimeSpan SubscribeRetry = TimeSpan.FromSeconds(2);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly CancellationTokenSource _stopping = new();
    private Task _subscribing = Task.CompletedTask;
    private ChannelMessageQueue? _queue;

    public override async Task PublishAsync(CameraChange change)
    {
        try
        {
            await redis.GetSubscriber().PublishAsync(Channel, JsonSerializer.Serialize(change, Json));
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            Logger.LogWarning("Camera {CameraId}: the {Kind} change could not be announced ({Error}); a running camera picks it up at its next re-read",
                change.CameraId, change.Kind, ex.Message);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscribing = SubscribeAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _subscribing;
        if (_queue is not null)
        {
            try
            {
                await _queue.UnsubscribeAsync();
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                Logger.LogDebug(ex, "Could not unsubscribe from camera changes");
            }
        }

        _stopping.Dispose();
    }

    /// <summary>Subscribes, retrying while Redis is away at start-up (the node starts anyway; /healthz/ready says so).</summary>
    private async Task SubscribeAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var queue = await redis.GetSubscriber().SubscribeAsync(Channel);
                queue.OnMessage(OnMessage);
                _queue = queue;
                return;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                Logger.LogWarning("Camera changes cannot be subscribed to yet ({Error}); retrying", ex.Message);
            }

            try
            {
                await Task.Delay(SubscribeRetry, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void OnMessage(ChannelMessage message)
    {
        CameraChange? change;
        try
        {
            change = JsonSerializer.Deserialize<CameraChange>(message.Message.ToString(), Json);
        }
        catch (JsonException ex)
        {
            Logger.LogWarning(ex, "A camera change message could not be read; ignored");
            return;
        }

        if (change is not null)
        {
            Deliver(change);
        }
    }
}
