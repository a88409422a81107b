namespace CrowdPortal.Web.Cluster;

/// <summary>Keeps this node on the cluster's node list while it runs, and takes it off when it stops cleanly.</summary>
internal sealed class NodeDirectoryHostedService(NodeDirectory directory, ILogger<NodeDirectoryHostedService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (directory is not RedisNodeDirectory redis)
        {
            return;
        }

        using var timer = new PeriodicTimer(RedisNodeDirectory.PublishEvery);
        do
        {
            try
            {
                await redis.PublishAsync();
            }
            catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
            {
                logger.LogWarning("This node's status could not be written to Redis: {Error}", ex.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).AsTask().ContinueWith(t => t.IsCompletedSuccessfully && t.Result, TaskScheduler.Default));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (directory is RedisNodeDirectory redis)
        {
            try
            {
                await redis.WithdrawAsync();
            }
            catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
            {
                logger.LogDebug(ex, "Could not take this node off the list");
            }
        }
    }
}
