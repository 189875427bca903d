namespace FutReindexOperator.Runtime.Watching;

/// <summary>Timing of one <see cref="ResourceWatcher{TResource}"/>, and what it advises when its kind is not served.</summary>
/// <param name="InactivityTimeout">Restart a watch stream that delivers nothing (not even a bookmark) for this long.</param>
/// <param name="ReconnectBaseDelay">The wait after the first consecutive failure; it doubles per failure, jittered.</param>
/// <param name="ReconnectMaxDelay">The cap on that wait; the watcher retries at this interval forever.</param>
internal sealed record WatcherSettings(TimeSpan InactivityTimeout, TimeSpan ReconnectBaseDelay, TimeSpan ReconnectMaxDelay)
{
    /// <summary>
    /// The cap on the wait between lists while the API server does not serve the kind (its CRD is missing): the kind
    /// is picked up at most this long after its CRD is created, and a missing CRD costs one list per this interval.
    /// </summary>
    public TimeSpan NotServedMaxDelay { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How to install the kind's CRD, logged when it is missing; a generic <c>kubectl apply</c> when null.</summary>
    public string? InstallHint { get; init; }
}
