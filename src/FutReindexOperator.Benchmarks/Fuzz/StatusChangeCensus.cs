using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using FutReindexOperator.Model;
using k8s;
using k8s.Autorest;

namespace FutReindexOperator.Benchmarks.Fuzz;

/// <summary>
/// Which status members the ReindexJobs' status changes touched, as a client watching every job sees them: each change
/// is counted under the sorted set of top-level <c>status</c> members it changed (<c>lastPollTime+nextAttemptTime+polls</c>),
/// so a report can say what the status writes are made of. A watch that ends (an injected fault, the server's timeout)
/// is opened again from a fresh list; the changes in between are then counted as one, under their union, so the counts
/// are a lower bound of the writes.
/// </summary>
internal sealed class StatusChangeCensus
{
    private readonly ConcurrentDictionary<string, JsonObject> _lastStatus = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    /// <summary>Status changes seen, by the members they changed; a change of metadata or spec alone is not counted.</summary>
    public IReadOnlyDictionary<string, long> Counts => _counts.ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.Ordinal);

    /// <summary>The sorted top-level status members that differ between two statuses, joined by '+'; empty when none do.</summary>
    public static string ChangedMembers(JsonObject? before, JsonObject? after)
    {
        var names = (before?.Select(pair => pair.Key) ?? []).Union(after?.Select(pair => pair.Key) ?? [], StringComparer.Ordinal);
        return string.Join('+', names
            .Where(name => !JsonNode.DeepEquals(before?[name], after?[name]))
            .Order(StringComparer.Ordinal));
    }

    /// <summary>Records one observed copy of a job: counts its status change against the copy seen before it.</summary>
    public void Observe(string key, JsonObject? status)
    {
        var current = status ?? [];
        var changed = _lastStatus.TryGetValue(key, out var before) ? ChangedMembers(before, current) : ChangedMembers(null, current);
        _lastStatus[key] = (JsonObject)current.DeepClone();
        if (changed.Length > 0)
        {
            _counts.AddOrUpdate(changed, 1, (_, count) => count + 1);
        }
    }

    /// <summary>Watches every ReindexJob until cancelled, opening the watch again whenever it ends.</summary>
    public async Task RunAsync(IKubernetes client, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var (type, item) in client.CustomObjects.WatchListClusterCustomObjectAsync(
                    ReindexJob.ApiGroup, ReindexJob.ApiVersionName, ReindexJob.Plural, cancellationToken: cancellationToken))
                {
                    if (type is WatchEventType.Added or WatchEventType.Modified && JsonNode.Parse(KubernetesJson.Serialize(item)) is JsonObject job)
                    {
                        Observe($"{job["metadata"]?["namespace"]}/{job["metadata"]?["name"]}", job["status"] as JsonObject);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is HttpOperationException or HttpRequestException or IOException or KubernetesException)
            {
                // An injected API fault or a dropped stream: watch again.
            }
        }
    }
}
