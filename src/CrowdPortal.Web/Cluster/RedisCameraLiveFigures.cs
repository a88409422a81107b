using System.Text.Json;
using CrowdPortal.Data.Entities;
using CrowdPortal.Web.Cameras;
using StackExchange.Redis;

namespace CrowdPortal.Web.Cluster;

/// <summary>
/// Cluster mode: every node writes the live figures of the cameras it runs, and their newest picture with the privacy
/// level it was made for, to Redis keys that expire unless rewritten (<see cref="CameraFiguresHostedService"/>, every
/// <see cref="PublishEvery"/>), so a web node shows the state, frame rate and picture of a camera running on a worker,
/// and a camera whose node died drops back to offline by itself. Status for people, like the node list: nothing decides
/// anything from it. A picture is served only for the level the camera has now, so raising the level hides the shared
/// picture at once, before the owner has replaced it.
/// </summary>
public sealed class RedisCameraLiveFigures(IConnectionMultiplexer redis, CameraRuntime runtime, CameraSupervisor supervisor, WebcamSessions webcams,
    ILogger<RedisCameraLiveFigures> logger) : CameraLiveFigures(runtime, supervisor, webcams)
{
    public static readonly TimeSpan PublishEvery = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(6);

    private static RedisKey Key(long cameraId) => $"{ClusterServiceCollectionExtensions.RedisPrefix}camera-live:{cameraId}";

    private static RedisKey PictureKey(long cameraId) => $"{ClusterServiceCollectionExtensions.RedisPrefix}camera-picture:{cameraId}";

    public async Task PublishAsync()
    {
        var db = redis.GetDatabase();
        var writes = new List<Task>();
        foreach (var (id, state) in RunningHere())
        {
            writes.Add(db.StringSetAsync(Key(id), JsonSerializer.Serialize(CameraFigures.Of(state, running: true)), Lifetime));
            writes.Add(state.Picture is { } picture
                ? db.StringSetAsync(PictureKey(id), Encode(picture), Lifetime)
                : db.KeyDeleteAsync(PictureKey(id)));
        }

        await Task.WhenAll(writes);
    }

    protected override async Task<CameraPicture?> ElsewherePictureAsync(long cameraId, CancellationToken ct)
    {
        try
        {
            byte[]? value = await redis.GetDatabase().StringGetAsync(PictureKey(cameraId));
            return value is { Length: > 1 } ? new CameraPicture(value[1..], (PrivacyLevel)value[0]) : null;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            logger.LogDebug(ex, "A camera's picture could not be read from Redis");
            return null;
        }
    }

    /// <summary>The level as one leading byte, then the JPEG.</summary>
    private static byte[] Encode(CameraPicture picture)
    {
        var value = new byte[picture.Jpeg.Length + 1];
        value[0] = (byte)picture.MadeFor;
        picture.Jpeg.CopyTo(value, 1);
        return value;
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
