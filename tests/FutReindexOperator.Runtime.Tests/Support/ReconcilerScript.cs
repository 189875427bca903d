using System.Collections.Concurrent;
using FutReindexOperator.Runtime.Reconciling;

namespace FutReindexOperator.Runtime.Tests.Support;

/// <summary>
/// What the scripted reconciler does, shared by every DI scope: the test sets <see cref="Behaviour"/> and reads the
/// calls and the concurrency that was observed.
/// </summary>
public sealed class ReconcilerScript
{
    private readonly ConcurrentQueue<ReconcileRequest<Widget>> _calls = new();
    private readonly ConcurrentDictionary<ObjectKey, int> _activePerKey = new();
    private int _active;
    private int _maxActive;
    private int _maxActivePerKey;

    public Func<ReconcileRequest<Widget>, CancellationToken, Task<ReconcileResult>> Behaviour { get; set; } =
        (_, _) => Task.FromResult(ReconcileResult.Done);

    public IReadOnlyList<ReconcileRequest<Widget>> Calls => [.. _calls];

    public int CallsFor(ObjectKey key) => _calls.Count(call => call.Key == key);

    /// <summary>The most reconciles that ran at once, over all keys.</summary>
    public int MaxActive => Volatile.Read(ref _maxActive);

    /// <summary>The most reconciles of one key that ran at once.</summary>
    public int MaxActivePerKey => Volatile.Read(ref _maxActivePerKey);

    public async Task<ReconcileResult> RunAsync(ReconcileRequest<Widget> request, CancellationToken cancellationToken)
    {
        _calls.Enqueue(request);
        Raise(ref _maxActive, Interlocked.Increment(ref _active));
        Raise(ref _maxActivePerKey, _activePerKey.AddOrUpdate(request.Key, 1, (_, count) => count + 1));
        try
        {
            return await Behaviour(request, cancellationToken);
        }
        finally
        {
            _activePerKey.AddOrUpdate(request.Key, 0, (_, count) => count - 1);
            Interlocked.Decrement(ref _active);
        }
    }

    private static void Raise(ref int maximum, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref maximum)) && Interlocked.CompareExchange(ref maximum, value, current) != current)
        {
        }
    }
}

/// <summary>The reconciler registered in tests; it defers to the <see cref="ReconcilerScript"/>.</summary>
public sealed class ScriptedReconciler(ReconcilerScript script) : IReconciler<Widget>
{
    public Task<ReconcileResult> ReconcileAsync(ReconcileRequest<Widget> request, CancellationToken cancellationToken) =>
        script.RunAsync(request, cancellationToken);
}
