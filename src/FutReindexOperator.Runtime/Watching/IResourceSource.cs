namespace FutReindexOperator.Runtime.Watching;

/// <summary>
/// The two API calls a <see cref="ResourceWatcher{TResource}"/> needs, for one scope (a namespace or all of them, plus
/// a label selector). Kept this small so the watcher's state machine can be tested without a server.
/// </summary>
internal interface IResourceSource<TResource>
{
    /// <summary>A human-readable scope for logs and metric labels: the namespace, or empty for all namespaces.</summary>
    string Scope { get; }

    /// <summary>
    /// Lists every object in scope (all pages). Throws <see cref="ResourceTypeNotServedException"/> when the API server
    /// does not serve the kind (its CRD is missing).
    /// </summary>
    Task<ResourceList<TResource>> ListAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Watches from <paramref name="resourceVersion"/> with bookmarks and a server-side timeout. The stream ends when
    /// the server closes it. Throws <see cref="ResourceVersionExpiredException"/> when the version is too old (410), in
    /// the stream or on connect, and <see cref="ResourceTypeNotServedException"/> when the kind is no longer served (404);
    /// any other failure is an ordinary exception.
    /// </summary>
    IAsyncEnumerable<WatchEvent<TResource>> WatchAsync(string resourceVersion, CancellationToken cancellationToken);
}
