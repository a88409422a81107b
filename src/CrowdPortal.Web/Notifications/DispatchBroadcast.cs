namespace CrowdPortal.Web.Notifications;

/// <summary>
/// Tells this process's MQTT connections that the sender has just fanned events out to channels, so each looks for its
/// deliveries at once instead of at its next tick (webhook and e-mail channels are sent by the sender itself). A
/// broadcast: every waiting connection wakes, not just one; one that was busy sees the rows at its next look anyway.
/// </summary>
public sealed class DispatchBroadcast
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next <see cref="Notify"/>; take it before looking, so a dispatch meanwhile is not missed.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    public void Notify() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
