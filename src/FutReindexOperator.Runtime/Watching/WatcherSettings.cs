namespace FutReindexOperator.Runtime.Watching;

/// <summary>Timing of one <see cref="ResourceWatcher{TResource}"/>.</summary>
/// <param name="InactivityTimeout">Restart a watch stream that delivers nothing (not even a bookmark) for this long.</param>
/// <param name="ReconnectBaseDelay">The wait after the first consecutive failure; it doubles per failure, jittered.</param>
/// <param name="ReconnectMaxDelay">The cap on that wait; the watcher retries at this interval forever.</param>
internal sealed record WatcherSettings(TimeSpan InactivityTimeout, TimeSpan ReconnectBaseDelay, TimeSpan ReconnectMaxDelay);
