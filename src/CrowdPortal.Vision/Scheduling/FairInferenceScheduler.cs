namespace CrowdPortal.Vision.Scheduling;

/// <summary>
/// Hands a fixed number of inference slots (one per core) to many clients (live cameras) fairly: when a slot frees, the
/// waiting client that was served longest ago gets it, so clients asking for more than the cores give all get equal
/// turns, and a client that stops asking (its stream stalled) simply leaves its turns to the others. One job: who runs
/// next; the caller runs its own work while it holds a <see cref="Turn"/>. Thread-safe.
/// </summary>
public sealed class FairInferenceScheduler
{
    private readonly TimeProvider _clock;
    private readonly object _gate = new();
    private readonly List<Waiter> _waiting = [];
    private readonly Dictionary<string, long> _lastServed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _turns = new(StringComparer.Ordinal);
    private long _arrivals;
    private int _free;

    /// <param name="slots">Inferences that may run at once (the cores).</param>
    /// <param name="clock">When each client was last served is read from here.</param>
    public FairInferenceScheduler(int slots, TimeProvider clock)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        Slots = slots;
        _free = slots;
        _clock = clock;
    }

    /// <summary>Inferences that may run at once.</summary>
    public int Slots { get; }

    /// <summary>Clients waiting for a slot right now.</summary>
    public int Waiting
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Count;
            }
        }
    }

    /// <summary>Turns <paramref name="client"/> has been given so far.</summary>
    public long TurnsOf(string client)
    {
        lock (_gate)
        {
            return _turns.GetValueOrDefault(client);
        }
    }

    /// <summary>
    /// Completes when <paramref name="client"/> may run one inference: at once when a slot is free, else when it is the
    /// waiting client served longest ago (a new client counts as never served; ties go to the earlier request). Dispose the
    /// turn when the inference is done.
    /// </summary>
    public Task<Turn> WaitTurnAsync(string client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        lock (_gate)
        {
            if (_free > 0 && _waiting.Count == 0)
            {
                _free--;
                return Task.FromResult(Grant(client));
            }

            var waiter = new Waiter(client, _arrivals++, new TaskCompletionSource<Turn>(TaskCreationOptions.RunContinuationsAsynchronously));
            _waiting.Add(waiter);
            if (cancellationToken.CanBeCanceled)
            {
                waiter.Cancellation = cancellationToken.Register(() => Cancel(waiter, cancellationToken));
            }

            return waiter.Completion.Task;
        }
    }

    /// <summary>
    /// The blocking form of <see cref="WaitTurnAsync"/>, for a caller on its own thread: a detector's synchronous
    /// <c>Detect</c>, called on the pipeline's detection thread, which has nothing else to do until its turn comes.
    /// </summary>
    public Turn WaitTurn(string client, CancellationToken cancellationToken = default)
    {
        // The one deliberate block on a task in the product (BannedSymbols.txt): the caller's thread is its own.
#pragma warning disable RS0030
        return WaitTurnAsync(client, cancellationToken).GetAwaiter().GetResult();
#pragma warning restore RS0030
    }

    private Turn Grant(string client)
    {
        _lastServed[client] = _clock.GetTimestamp();
        _turns[client] = _turns.GetValueOrDefault(client) + 1;
        return new Turn(this);
    }

    private void Release()
    {
        Waiter? next;
        lock (_gate)
        {
            next = PickNext();
            if (next is null)
            {
                _free++;
                return;
            }

            _waiting.Remove(next);
            next.Cancellation.Dispose();
            next.Completion.SetResult(Grant(next.Client));
        }
    }

    /// <summary>The waiting client served longest ago (never = first); the earlier request on a tie.</summary>
    private Waiter? PickNext()
    {
        Waiter? best = null;
        long bestServed = 0;
        foreach (Waiter w in _waiting)
        {
            long served = _lastServed.TryGetValue(w.Client, out long t) ? t : long.MinValue;
            if (best is null || served < bestServed || (served == bestServed && w.Arrival < best.Arrival))
            {
                best = w;
                bestServed = served;
            }
        }

        return best;
    }

    private void Cancel(Waiter waiter, CancellationToken token)
    {
        lock (_gate)
        {
            if (!_waiting.Remove(waiter))
            {
                return; // granted meanwhile: the caller disposes that turn
            }
        }

        waiter.Completion.TrySetCanceled(token);
    }

    /// <summary>One granted inference slot; disposing it hands the slot to the next client.</summary>
    public sealed class Turn : IDisposable
    {
        private FairInferenceScheduler? _owner;

        internal Turn(FairInferenceScheduler owner) => _owner = owner;

        public void Dispose() => Interlocked.Exchange(ref _owner, null)?.Release();
    }

    private sealed class Waiter(string client, long arrival, TaskCompletionSource<Turn> completion)
    {
        public string Client { get; } = client;

        public long Arrival { get; } = arrival;

        public TaskCompletionSource<Turn> Completion { get; } = completion;

        public CancellationTokenRegistration Cancellation { get; set; }
    }
}
