using System.Text.Json.Nodes;

namespace FutReindexOperator.Testing.KubeApiServer.Patching;

/// <summary>
/// Keeps <c>metadata.managedFields</c> plausible: one entry per manager and operation, listing the fields
/// the manager last wrote in the FieldsV1 form (objects as <c>f:</c> keys, lists and values atomic).
/// </summary>
public static class ManagedFields
{
    public static void Record(JsonObject target, JsonObject written, string manager, string operation, string apiVersion, string now, string? subresource = null)
    {
        var metadata = (JsonObject)target["metadata"]!;
        var entries = metadata["managedFields"] as JsonArray ?? [];
        var fields = FieldsOf(written, topLevel: true);
        var existing = entries.OfType<JsonObject>().FirstOrDefault(e =>
            e["manager"]?.GetValue<string>() == manager &&
            e["operation"]?.GetValue<string>() == operation &&
            e["subresource"]?.GetValue<string>() == subresource);
        var entry = new JsonObject
        {
            ["manager"] = manager,
            ["operation"] = operation,
            ["apiVersion"] = apiVersion,
            ["time"] = now,
            ["fieldsType"] = "FieldsV1",
            ["fieldsV1"] = fields,
        };
        if (subresource is not null)
        {
            entry["subresource"] = subresource;
        }

        if (existing is not null)
        {
            entries[entries.IndexOf(existing)] = entry;
        }
        else
        {
            entries.Add(entry);
        }

        metadata["managedFields"] = entries;
    }

    private static JsonObject FieldsOf(JsonObject value, bool topLevel)
    {
        var fields = new JsonObject();
        foreach (var (name, child) in value)
        {
            if (topLevel && name is "apiVersion" or "kind")
            {
                continue;
            }

            if (topLevel && name == "metadata" && child is JsonObject metadata)
            {
                var kept = new JsonObject();
                foreach (var key in new[] { "labels", "annotations", "finalizers", "ownerReferences" })
                {
                    if (metadata[key] is { } node)
                    {
                        kept[key] = node.DeepClone();
                    }
                }

                if (kept.Count > 0)
                {
                    fields["f:metadata"] = FieldsOf(kept, topLevel: false);
                }

                continue;
            }

            fields["f:" + name] = child is JsonObject o ? FieldsOf(o, topLevel: false) : new JsonObject();
        }

        if (!topLevel && value.Count > 0)
        {
            fields["."] = new JsonObject();
        }

        return fields;
    }
}
