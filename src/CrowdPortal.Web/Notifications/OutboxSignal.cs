namespace CrowdPortal.Web.Notifications;

/// <summary>
/// Wakes this process's notification sender when an outbox row was committed here, so an event goes out at once rather
/// than at the next poll; the poll stays for rows other nodes write. Several signals before the sender looks count as one.
/// </summary>
public sealed class OutboxSignal
{
    private readonly SemaphoreSlim _pending = new(0, 1);

    public void Notify()
    {
        try
        {
            _pending.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: the sender has not looked yet.
        }
    }

    /// <summary>Waits for a signal or <paramref name="timeout"/>, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => _pending.WaitAsync(timeout, ct);
}
