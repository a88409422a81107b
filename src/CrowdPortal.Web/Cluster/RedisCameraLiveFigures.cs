using System.Text.Json;
using CrowdPortal.Web.Cameras;
using StackExchange.Redis;

namespace CrowdPortal.Web.Cluster;

/// <summary>
/// Cluster mode: every node writes the live figures of the cameras it runs to Redis keys that expire unless rewritten
/// (<see cref="CameraFiguresHostedService"/>, every <see cref="PublishEvery"/>), so a web node shows the state and frame
/// rate of a camera running on a worker, and a camera whose node died drops back to offline by itself. Status for
/// people, like the node list: nothing decides anything from it.
/// </summary>
public sealed class RedisCameraLiveFigures(IConnectionMultiplexer redis, CameraRuntime runtime, CameraSupervisor supervisor, WebcamSessions webcams,
    ILogger<RedisCameraLiveFigures> logger) : CameraLiveFigures(runtime, supervisor, webcams)
{
    public static readonly TimeSpan PublishEvery = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(6);

    private static RedisKey Key(long cameraId) => $"{ClusterServiceCollectionExtensions.RedisPrefix}camera-live:{cameraId}";

    public async Task PublishAsync()
    {
        var db = redis.GetDatabase();
        await Task.WhenAll(RunningHere().Select(c => db.StringSetAsync(Key(c.Id), JsonSerializer.Serialize(c.Figures), Lifetime)));
    }

    protected override async Task<IReadOnlyDictionary<long, CameraFigures>> ElsewhereAsync(IReadOnlyList<long> cameraIds, CancellationToken ct)
    {
        var figures = new Dictionary<long, CameraFigures>();
        try
        {
            var values = await redis.GetDatabase().StringGetAsync(cameraIds.Select(Key).ToArray());
            for (int i = 0; i < values.Length; i++)
            {
                if (values[i].HasValue && JsonSerializer.Deserialize<CameraFigures>(values[i].ToString()) is { } shared)
                {
                    figures[cameraIds[i]] = shared;
                }
            }
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or JsonException)
        {
            logger.LogDebug(ex, "The cameras' live figures could not be read from Redis");
        }

        return figures;
    }
}
