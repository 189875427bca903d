using System.Runtime.CompilerServices;
using System.Threading.Channels;
using FutReindexOperator.Runtime.Watching;

namespace FutReindexOperator.Runtime.Tests.Support;

/// <summary>A scripted list/watch source: the test decides what each list returns and what each stream delivers.</summary>
internal sealed class FakeResourceSource : IResourceSource<Widget>
{
    private readonly Channel<ScriptedWatch> _streams = Channel.CreateUnbounded<ScriptedWatch>();
    private int _lists;

    public string Scope { get; init; } = string.Empty;

    /// <summary>What the next list returns (or throws).</summary>
    public Func<ResourceList<Widget>> NextList { get; set; } = () => new ResourceList<Widget>([], "1");

    public int Lists => Volatile.Read(ref _lists);

    public Task<ResourceList<Widget>> ListAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _lists);
        return Task.FromResult(NextList());
    }

    public async IAsyncEnumerable<WatchEvent<Widget>> WatchAsync(string resourceVersion, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var stream = new ScriptedWatch(resourceVersion);
        _streams.Writer.TryWrite(stream);
        await foreach (var watchEvent in stream.Events.ReadAllAsync(cancellationToken))
        {
            yield return watchEvent;
        }
    }

    /// <summary>Waits for the watcher to open its next stream.</summary>
    public ValueTask<ScriptedWatch> NextStreamAsync(CancellationToken cancellationToken) => _streams.Reader.ReadAsync(cancellationToken);

    public bool HasOpenedAnotherStream => _streams.Reader.Count > 0;
}

/// <summary>One watch stream opened by the watcher.</summary>
internal sealed class ScriptedWatch(string resourceVersion)
{
    private readonly Channel<WatchEvent<Widget>> _events = Channel.CreateUnbounded<WatchEvent<Widget>>();

    /// <summary>The resource version the watcher asked to watch from.</summary>
    public string ResourceVersion { get; } = resourceVersion;

    internal ChannelReader<WatchEvent<Widget>> Events => _events.Reader;

    public void Send(WatchEventKind kind, Widget widget) => _events.Writer.TryWrite(new WatchEvent<Widget>(kind, widget));

    public void SendUnreadable(UnreadableObject unreadable) =>
        _events.Writer.TryWrite(new WatchEvent<Widget>(WatchEventKind.Unreadable, null, unreadable));

    public void Bookmark(string resourceVersion) =>
        Send(WatchEventKind.Bookmark, new Widget { Metadata = new() { ResourceVersion = resourceVersion } });

    public void Close() => _events.Writer.TryComplete();

    public void Fail(Exception exception) => _events.Writer.TryComplete(exception);
}
