namespace CrowdPortal.Web.Cluster;

/// <summary>Cluster mode: keeps the live figures of this node's cameras in Redis while they run.</summary>
internal sealed class CameraFiguresHostedService(RedisCameraLiveFigures figures, ILogger<CameraFiguresHostedService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RedisCameraLiveFigures.PublishEvery);
        try
        {
            do
            {
                try
                {
                    await figures.PublishAsync();
                }
                catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
                {
                    logger.LogDebug(ex, "The cameras' live figures could not be written to Redis");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
