using System.Text.Json;
using System.Text.Json.Nodes;
using FutReindexOperator.Testing.KubeApiServer.Api;
using FutReindexOperator.Testing.KubeApiServer.Resources;
using FutReindexOperator.Testing.KubeApiServer.Storage;

namespace FutReindexOperator.Testing.KubeApiServer.GarbageCollection;

/// <summary>
/// The garbage collector of kube-controller-manager, in the server: after a deletion (or a write of an object
/// with owners) it sweeps, asynchronously as the real one does, until nothing changes:
/// <list type="bullet">
/// <item>an owner deleting with the <c>orphan</c> finalizer loses its dependents' references, then the finalizer;</item>
/// <item>a dependent none of whose owners exists any more (by uid) is deleted in the background, or in the
/// foreground when an owner deleting in the foreground is what it is waiting for and it blocks that owner;
/// references to missing or foreground-deleting owners are removed while another owner still exists;</item>
/// <item>an owner deleting with the <c>foregroundDeletion</c> finalizer loses the finalizer (and so goes) once
/// no dependent with <c>blockOwnerDeletion: true</c> remains.</item>
/// </list>
/// </summary>
internal sealed partial class GarbageCollector(
    ObjectStore store, ObjectWriter writer, ResourceRegistry registry, GarbageCollectionSignal signal, ILogger<GarbageCollector> logger) : BackgroundService
{
    /// <summary>Passes per sweep; a chain of owners deeper than this continues at the next poke.</summary>
    private const int MaxPasses = 64;

    /// <summary>Sweeps until nothing changes; returns how many objects were changed or deleted.</summary>
    public int Sweep()
    {
        var changes = 0;
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            var changed = store.Write(Pass);
            if (changed == 0)
            {
                break;
            }

            changes += changed;
        }

        return changes;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await signal.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                Sweep();
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                SweepFailed(logger, e);
            }
        }
    }

    private int Pass(ObjectStore.StoreTransaction tx)
    {
        var definitions = registry.All.GroupBy(d => d.StorageKey, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return Orphan(tx, definitions) + CollectDependents(tx, definitions) + ReleaseForegroundOwners(tx, definitions);
    }

    private int Orphan(ObjectStore.StoreTransaction tx, Dictionary<string, ResourceDefinition> definitions)
    {
        var changes = 0;
        var objects = tx.Everything();
        foreach (var owner in objects.Where(o => IsDeletingWith(o, DeletionPropagation.OrphanFinalizer) && definitions.ContainsKey(o.StorageKey)))
        {
            foreach (var dependent in objects.Where(o => OwnerReferences(o).Any(r => r.Uid == owner.Uid) && definitions.ContainsKey(o.StorageKey)))
            {
                var current = tx.Get(dependent.StorageKey, dependent.Namespace, dependent.Name) ?? dependent;
                writer.WriteByServer(tx, definitions[dependent.StorageKey], WithoutReferences(current, [owner.Uid]));
                changes++;
            }

            var currentOwner = tx.Get(owner.StorageKey, owner.Namespace, owner.Name) ?? owner;
            writer.WriteByServer(tx, definitions[owner.StorageKey], WithoutFinalizer(currentOwner, DeletionPropagation.OrphanFinalizer));
            changes++;
        }

        return changes;
    }

    private int CollectDependents(ObjectStore.StoreTransaction tx, Dictionary<string, ResourceDefinition> definitions)
    {
        var changes = 0;
        var objects = tx.Everything();
        var byUid = objects.Where(o => o.Uid.Length > 0).GroupBy(o => o.Uid, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var item in objects)
        {
            var references = OwnerReferences(item);
            if (references.Count == 0 || !definitions.TryGetValue(item.StorageKey, out var definition) || tx.Get(item.StorageKey, item.Namespace, item.Name) is not { } current)
            {
                continue;
            }

            var waiting = references.Where(r => byUid.TryGetValue(r.Uid, out var owner) && IsDeletingWith(owner, DeletionPropagation.ForegroundFinalizer)).ToList();
            var dangling = references.Where(r => !byUid.ContainsKey(r.Uid)).ToList();
            var solid = references.Count - waiting.Count - dangling.Count;
            if (solid > 0)
            {
                if (waiting.Count + dangling.Count > 0)
                {
                    writer.WriteByServer(tx, definition, WithoutReferences(current, [.. waiting.Select(r => r.Uid), .. dangling.Select(r => r.Uid)]));
                    changes++;
                }

                continue;
            }

            if (current.Json.GetProperty("metadata").TryGetProperty("deletionTimestamp", out _))
            {
                continue;
            }

            var policy = waiting.Any(r => r.BlockOwnerDeletion) ? DeletionPropagation.Foreground : DeletionPropagation.Background;
            writer.DeleteStored(tx, definition, current, policy);
            changes++;
        }

        return changes;
    }

    private int ReleaseForegroundOwners(ObjectStore.StoreTransaction tx, Dictionary<string, ResourceDefinition> definitions)
    {
        var changes = 0;
        var objects = tx.Everything();
        var blocked = objects.SelectMany(o => OwnerReferences(o).Where(r => r.BlockOwnerDeletion).Select(r => r.Uid)).ToHashSet(StringComparer.Ordinal);
        foreach (var owner in objects.Where(o => IsDeletingWith(o, DeletionPropagation.ForegroundFinalizer) && !blocked.Contains(o.Uid) && definitions.ContainsKey(o.StorageKey)))
        {
            writer.WriteByServer(tx, definitions[owner.StorageKey], WithoutFinalizer(owner, DeletionPropagation.ForegroundFinalizer));
            changes++;
        }

        return changes;
    }

    private static List<(string Uid, bool BlockOwnerDeletion)> OwnerReferences(StoredObject item)
    {
        if (!item.Json.TryGetProperty("metadata", out var metadata) ||
            !metadata.TryGetProperty("ownerReferences", out var references) ||
            references.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return references.EnumerateArray()
            .Where(r => r.ValueKind == JsonValueKind.Object && r.TryGetProperty("uid", out var uid) && uid.ValueKind == JsonValueKind.String)
            .Select(r => (r.GetProperty("uid").GetString()!, r.TryGetProperty("blockOwnerDeletion", out var block) && block.ValueKind == JsonValueKind.True))
            .ToList();
    }

    private static bool IsDeletingWith(StoredObject item, string finalizer) =>
        item.Json.TryGetProperty("metadata", out var metadata) &&
        metadata.TryGetProperty("deletionTimestamp", out var deleting) && deleting.ValueKind == JsonValueKind.String &&
        metadata.TryGetProperty("finalizers", out var finalizers) && finalizers.ValueKind == JsonValueKind.Array &&
        finalizers.EnumerateArray().Any(f => f.ValueKind == JsonValueKind.String && f.GetString() == finalizer);

    private static JsonObject WithoutReferences(StoredObject item, IReadOnlyCollection<string> uids)
    {
        var value = item.ToNode();
        var metadata = (JsonObject)value["metadata"]!;
        var kept = (metadata["ownerReferences"] as JsonArray ?? [])
            .Where(r => !uids.Contains(r?["uid"]?.GetValue<string>() ?? ""))
            .Select(r => r?.DeepClone())
            .ToArray();
        if (kept.Length == 0)
        {
            metadata.Remove("ownerReferences");
        }
        else
        {
            metadata["ownerReferences"] = new JsonArray(kept);
        }

        return value;
    }

    private static JsonObject WithoutFinalizer(StoredObject item, string finalizer)
    {
        var value = item.ToNode();
        var metadata = (JsonObject)value["metadata"]!;
        var kept = ObjectRules.Finalizers(value).Where(f => f != finalizer).Select(f => (JsonNode?)f).ToArray();
        if (kept.Length == 0)
        {
            metadata.Remove("finalizers");
        }
        else
        {
            metadata["finalizers"] = new JsonArray(kept);
        }

        return value;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Garbage collection sweep failed")]
    private static partial void SweepFailed(ILogger logger, Exception exception);
}
