using FutReindexOperator.Testing.KubeApiServer.Storage;

namespace FutReindexOperator.Testing.KubeApiServer.Controls;

/// <summary>
/// What tests can do to the running server: close watches, inject failures and latency, compact history,
/// read the request log, and reset. Also served over HTTP under <c>/_test/</c>.
/// </summary>
public sealed class TestControls(ObjectStore store, FaultInjector faults, RequestLog requests)
{
    public FaultInjector Faults => faults;

    public RequestLog Requests => requests;

    /// <summary>Ends every open watch stream (clients see a clean end of stream); returns how many were open.</summary>
    public int CloseAllWatches() => store.CloseAllWatches();

    /// <summary>The number of watch streams open now.</summary>
    public int OpenWatches => store.OpenWatches;

    /// <summary>Makes the next <paramref name="count"/> requests matching verb and path glob fail.</summary>
    public void FailNext(string verb, string pathGlob, int statusCode, int count = 1, int retryAfterSeconds = 1) =>
        faults.FailNext(verb, pathGlob, statusCode, count, retryAfterSeconds);

    public void AddLatency(TimeSpan delay, string verb = "*", string pathGlob = "*") => faults.AddLatency(delay, verb, pathGlob);

    /// <summary>Forgets history: watches from, and continue tokens of, older resource versions get 410 Gone.</summary>
    /// <returns>The resource version history now starts at.</returns>
    public long CompactHistory()
    {
        store.Compact();
        return store.ResourceVersion;
    }

    /// <summary>Sends a bookmark to every watch that allows them, now.</summary>
    public void EmitBookmarks() => store.EmitBookmarks();

    /// <summary>Removes injected failures and latency and clears the request log. Objects stay.</summary>
    public void Reset()
    {
        faults.Clear();
        requests.Clear();
    }
}
