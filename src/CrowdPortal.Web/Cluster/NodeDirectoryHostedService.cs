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
        while (await NextTickAsync(timer, stoppingToken));
    }

    /// <summary>False once the node stops (the cancelled wait is the normal end, not an error).</summary>
    private static async Task<bool> NextTickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
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
