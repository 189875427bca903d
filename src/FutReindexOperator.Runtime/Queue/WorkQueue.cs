using System.Diagnostics.CodeAnalysis;
using FutReindexOperator.Runtime.Diagnostics;
using Prometheus;

namespace FutReindexOperator.Runtime.Queue;

/// <summary>
/// A delaying, deduplicating work queue of object keys, shaped after client-go's queue with controller-runtime's
/// priority-queue rule for due times.
/// </summary>
/// <remarks>
/// <para>Guarantees:</para>
/// <list type="bullet">
/// <item>At most one pending entry per key; adding a key again keeps the earlier of the two due times.</item>
/// <item>A key is handed to at most one taker at a time: a key added while it is being processed is parked
/// ("dirty") and becomes pending again only when <see cref="Done"/> is called for it.</item>
/// <item>A failing key is retried after a per-key exponential backoff that is capped and never gives up;
/// <see cref="Forget"/> resets it after a success.</item>
/// <item>Every delay is finite and at most <see cref="MaxDelay"/>: a longer one is cut to it, so no due time overflows
/// and no timer exceeds what <see cref="Task.Delay(TimeSpan, TimeProvider, CancellationToken)"/> accepts (49.7 days).
/// A key woken early is simply reconciled and requeued again.</item>
/// <item>After <see cref="ShutDown"/>, <see cref="TakeAsync"/> hands out nothing more, so workers finish the key they
/// hold and stop (drain): pending keys are left unprocessed.</item>
/// </list>
/// All waiting goes through the injected <see cref="TimeProvider"/>.
/// </remarks>
[SuppressMessage("Naming", "CA1711", Justification = "It is a queue; the name is client-go's and controller-runtime's.")]
internal sealed class WorkQueue
{
    /// <summary>The cap on every delay this queue waits: requeues, failure backoff and its own timers.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromHours(24);

    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly WorkQueueOptions _options;
    private readonly Dictionary<ObjectKey, DateTimeOffset> _pending = [];
    private readonly PriorityQueue<ObjectKey, DateTimeOffset> _dueOrder = new();
    private readonly Dictionary<ObjectKey, long> _processingSince = [];
    private readonly Dictionary<ObjectKey, DateTimeOffset> _dirty = [];
    private readonly Dictionary<ObjectKey, int> _failures = [];
    private readonly Gauge.Child _depth;
    private readonly Counter.Child _adds;
    private readonly Counter.Child _retries;
    private readonly Histogram.Child _queueDuration;
    private readonly Histogram.Child _workDuration;
    private readonly Gauge.Child _unfinishedWork;
    private readonly Gauge.Child _longestRunning;
    private TaskCompletionSource _changed = NewSignal();
    private bool _shutDown;

    public WorkQueue(string name, WorkQueueOptions options, RuntimeMetrics metrics, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(time);
        _options = options;
        _time = time;
        _depth = metrics.QueueDepth.WithLabels(name);
        _adds = metrics.QueueAdds.WithLabels(name);
        _retries = metrics.QueueRetries.WithLabels(name);
        _queueDuration = metrics.QueueDuration.WithLabels(name);
        _workDuration = metrics.WorkDuration.WithLabels(name);
        _unfinishedWork = metrics.QueueUnfinishedWork.WithLabels(name);
        _longestRunning = metrics.QueueLongestRunning.WithLabels(name);
        metrics.Registry.AddBeforeCollectCallback(ReportQueueState);
    }

    /// <summary>Keys waiting to be taken, due or not yet due (keys being processed are not counted).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Asks for <paramref name="key"/> to be processed once <paramref name="delay"/> has passed (at most
    /// <see cref="MaxDelay"/>); an earlier due time already asked for wins.</summary>
    public void Add(ObjectKey key, TimeSpan delay = default)
    {
        var due = _time.GetUtcNow() + Capped(delay);
        lock (_gate)
        {
            if (_shutDown)
            {
                return;
            }

            if (_processingSince.ContainsKey(key))
            {
                if (!_dirty.TryGetValue(key, out var parked) || due < parked)
                {
                    _dirty[key] = due;
                }

                return;
            }

            AddPendingLocked(key, due);
        }
    }

    /// <summary>Re-adds <paramref name="key"/> after a failed attempt, delayed by its per-key exponential backoff.</summary>
    public void AddAfterFailure(ObjectKey key)
    {
        int failures;
        lock (_gate)
        {
            failures = _failures.GetValueOrDefault(key) + 1;
            _failures[key] = failures;
        }

        _retries.Inc();
        Add(key, Backoff.Exponential(failures, _options.FailureBaseDelay, _options.FailureMaxDelay));
    }

    /// <summary>The delay <see cref="AddAfterFailure"/> used for the failures of <paramref name="key"/> so far.</summary>
    public TimeSpan DelayAfterFailures(ObjectKey key)
    {
        var failures = FailuresOf(key);
        return failures == 0 ? TimeSpan.Zero : Capped(Backoff.Exponential(failures, _options.FailureBaseDelay, _options.FailureMaxDelay));
    }

    /// <summary>Clears the failure history of <paramref name="key"/>, so its next failure starts at the base delay.</summary>
    public void Forget(ObjectKey key)
    {
        lock (_gate)
        {
            _failures.Remove(key);
        }
    }

    /// <summary>Consecutive failures recorded for <paramref name="key"/> since it was last forgotten.</summary>
    public int FailuresOf(ObjectKey key)
    {
        lock (_gate)
        {
            return _failures.GetValueOrDefault(key);
        }
    }

    /// <summary>
    /// Waits for the earliest due key that nobody is processing and hands it out; the caller must call
    /// <see cref="Done"/> with it. Returns null once the queue is shut down.
    /// </summary>
    public async ValueTask<ObjectKey?> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Task changed;
            TimeSpan? untilNextDue = null;
            lock (_gate)
            {
                if (_shutDown)
                {
                    return null;
                }

                var now = _time.GetUtcNow();
                while (_dueOrder.TryPeek(out var key, out var due))
                {
                    if (!_pending.TryGetValue(key, out var current) || current != due)
                    {
                        _dueOrder.Dequeue();
                        continue;
                    }

                    if (due > now)
                    {
                        untilNextDue = due - now;
                        break;
                    }

                    _dueOrder.Dequeue();
                    _pending.Remove(key);
                    _processingSince[key] = _time.GetTimestamp();
                    _queueDuration.Observe((now - due).TotalSeconds);
                    return key;
                }

                changed = _changed.Task;
            }

            await WaitAsync(changed, untilNextDue, cancellationToken);
        }
    }

    /// <summary>Marks <paramref name="key"/> as no longer processed; if it was added meanwhile it becomes pending again.</summary>
    public void Done(ObjectKey key)
    {
        lock (_gate)
        {
            if (!_processingSince.Remove(key, out var since))
            {
                return;
            }

            _workDuration.Observe(_time.GetElapsedTime(since).TotalSeconds);
            if (_dirty.Remove(key, out var due) && !_shutDown)
            {
                AddPendingLocked(key, due);
            }
            else
            {
                SignalLocked();
            }
        }
    }

    /// <summary>Stops handing out keys: takers get null, keys being processed may still be marked done.</summary>
    public void ShutDown()
    {
        lock (_gate)
        {
            _shutDown = true;
            SignalLocked();
        }
    }

    /// <summary><paramref name="delay"/> within [0, <see cref="MaxDelay"/>].</summary>
    public static TimeSpan Capped(TimeSpan delay) =>
        delay <= TimeSpan.Zero ? TimeSpan.Zero : delay > MaxDelay ? MaxDelay : delay;

    /// <summary>
    /// Drops every pending and parked key (keys being processed stay until <see cref="Done"/>) and their failure
    /// history: for a replica that stops leading, whose successor starts from its own cache.
    /// </summary>
    public void Clear()
    {
        lock (_gate)
        {
            _pending.Clear();
            _dueOrder.Clear();
            _dirty.Clear();
            _failures.Clear();
            SignalLocked();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void AddPendingLocked(ObjectKey key, DateTimeOffset due)
    {
        if (_pending.TryGetValue(key, out var existing))
        {
            if (due >= existing)
            {
                return;
            }
        }
        else
        {
            _adds.Inc();
        }

        _pending[key] = due;
        _dueOrder.Enqueue(key, due);
        SignalLocked();
    }

    /// <summary>
    /// The depth and client-go's two gauges of work in progress, computed when metrics are collected. The depth counts
    /// the keys due now, as client-go's does: keys waiting out a delay (a requeue, a backoff) are not work waiting.
    /// </summary>
    private void ReportQueueState()
    {
        double total = 0, longest = 0;
        var due = 0;
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            foreach (var dueTime in _pending.Values)
            {
                due += dueTime <= now ? 1 : 0;
            }

            foreach (var since in _processingSince.Values)
            {
                var seconds = _time.GetElapsedTime(since).TotalSeconds;
                total += seconds;
                longest = Math.Max(longest, seconds);
            }
        }

        _depth.Set(due);
        _unfinishedWork.Set(total);
        _longestRunning.Set(longest);
    }

    private void SignalLocked()
    {
        var changed = _changed;
        _changed = NewSignal();
        changed.TrySetResult();
    }

    private async Task WaitAsync(Task changed, TimeSpan? untilNextDue, CancellationToken cancellationToken)
    {
        if (untilNextDue is not { } delay)
        {
            await changed.WaitAsync(cancellationToken);
            return;
        }

        using var stopDelay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Due times are at most MaxDelay ahead, unless the wall clock stepped back: then wake at the cap and look again.
        var elapsed = Task.Delay(Capped(delay), _time, stopDelay.Token);
        await Task.WhenAny(changed, elapsed);
        await stopDelay.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }
}
