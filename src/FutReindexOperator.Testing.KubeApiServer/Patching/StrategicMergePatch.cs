using System.Text.Json.Nodes;

namespace FutReindexOperator.Testing.KubeApiServer.Patching;

/// <summary>
/// A simplified strategic merge patch for built-in kinds: a JSON merge patch in which the lists the real
/// types mark <c>patchStrategy: merge</c> merge by their key, <c>metadata.finalizers</c> merges as a set,
/// <c>$patch: delete</c> removes a keyed item and <c>$setElementOrder/</c>, <c>$retainKeys</c> and
/// <c>$deleteFromPrimitiveList/</c> directives are honoured or dropped.
/// </summary>
public static class StrategicMergePatch
{
    // List field name -> merge key of its items, for the built-in kinds this server serves.
    private static readonly Dictionary<string, string> MergeKeys = new(StringComparer.Ordinal)
    {
        ["ports"] = "port",
        ["conditions"] = "type",
        ["ownerReferences"] = "uid",
        ["containers"] = "name",
        ["env"] = "name",
        ["volumes"] = "name",
    };

    private static readonly HashSet<string> PrimitiveSets = new(["finalizers"], StringComparer.Ordinal);

    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target as JsonObject ?? [];
        foreach (var (name, value) in patchObject)
        {
            if (name.StartsWith("$setElementOrder/", StringComparison.Ordinal) || name == "$retainKeys" || name == "$patch")
            {
                continue;
            }

            if (name.StartsWith("$deleteFromPrimitiveList/", StringComparison.Ordinal))
            {
                var listName = name["$deleteFromPrimitiveList/".Length..];
                if (result[listName] is JsonArray list && value is JsonArray removed)
                {
                    var kept = list.Where(item => !removed.Any(r => JsonNode.DeepEquals(r, item))).Select(i => i?.DeepClone()).ToArray();
                    result[listName] = new JsonArray(kept);
                }

                continue;
            }

            if (value is null)
            {
                result.Remove(name);
            }
            else if (value is JsonArray items && MergeKeys.TryGetValue(name, out var key) && result[name] is JsonArray existing)
            {
                result[name] = MergeList(existing, items, key);
            }
            else if (value is JsonArray additions && PrimitiveSets.Contains(name) && result[name] is JsonArray set)
            {
                var merged = set.Select(i => i?.DeepClone()).ToList();
                merged.AddRange(additions.Where(a => !set.Any(s => JsonNode.DeepEquals(s, a))).Select(a => a?.DeepClone()));
                result[name] = new JsonArray(merged.ToArray());
            }
            else
            {
                result[name] = Apply(result[name]?.DeepClone(), value);
            }
        }

        return result;
    }

    private static JsonArray MergeList(JsonArray existing, JsonArray patchItems, string key)
    {
        var merged = existing.Select(i => i?.DeepClone()).ToList();
        foreach (var patchItem in patchItems.OfType<JsonObject>())
        {
            var index = merged.FindIndex(m => m is JsonObject o && JsonNode.DeepEquals(o[key], patchItem[key]));
            if (patchItem["$patch"]?.GetValue<string>() == "delete")
            {
                if (index >= 0)
                {
                    merged.RemoveAt(index);
                }

                continue;
            }

            if (index >= 0)
            {
                merged[index] = Apply(merged[index], patchItem);
            }
            else
            {
                merged.Add(Apply(null, patchItem));
            }
        }

        return new JsonArray(merged.ToArray());
    }
}
