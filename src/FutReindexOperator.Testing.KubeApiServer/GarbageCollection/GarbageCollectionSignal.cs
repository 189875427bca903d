using System.Threading.Channels;

namespace FutReindexOperator.Testing.KubeApiServer.GarbageCollection;

/// <summary>Wakes the garbage collector when something it acts on changed: a deletion, or an object with owners.</summary>
public sealed class GarbageCollectionSignal
{
    private readonly Channel<bool> _pending = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Asks for a sweep; many pokes before the next sweep make one.</summary>
    public void Poke() => _pending.Writer.TryWrite(true);

    /// <summary>Completes when a sweep was asked for since the last call.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken) => await _pending.Reader.ReadAsync(cancellationToken);
}
