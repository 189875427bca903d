using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using FutReindexOperator.Testing.KubeApiServer.Authorization;
using FutReindexOperator.Testing.KubeApiServer.Cel;
using FutReindexOperator.Testing.KubeApiServer.Events;
using FutReindexOperator.Testing.KubeApiServer.GarbageCollection;
using FutReindexOperator.Testing.KubeApiServer.Patching;
using FutReindexOperator.Testing.KubeApiServer.Resources;
using FutReindexOperator.Testing.KubeApiServer.Storage;
using FutReindexOperator.Testing.KubeApiServer.Validation;

namespace FutReindexOperator.Testing.KubeApiServer.Api;

/// <summary>
/// Creates, updates, patches and deletes objects with the real server's metadata rules: uid, creation time,
/// the global resource version, generation, optimistic concurrency, the status subresource, finalizers,
/// schema validation of custom resources, and CRDs that serve new resources.
/// </summary>
public sealed class ObjectWriter(ObjectStore store, ResourceRegistry registry, TimeProvider timeProvider, GarbageCollectionSignal collection)
{
    private const string NameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    public string Now() => timeProvider.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Creates the object; returns it as stored (in the stored form).</summary>
    public JsonObject Create(ResourceDefinition definition, string? ns, JsonObject body, WriteOptions options) =>
        store.Write(tx => Create(tx, definition, ns, body, options));

    public JsonObject Update(ResourceDefinition definition, string? ns, string name, string? subresource, JsonObject body, WriteOptions options) =>
        store.Write(tx =>
        {
            var existing = tx.Get(definition.StorageKey, ns ?? "", name) ?? throw StatusObjects.NotFound(definition, name);
            var bodyName = body["metadata"]?["name"]?.GetValue<string>();
            if (bodyName is not null && bodyName != name)
            {
                throw StatusObjects.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
            }

            return Replace(tx, definition, existing, ObjectPresenter.ToStored(body, definition), subresource, options, "Update", fromPatch: false);
        });

    /// <summary>Applies a patch of the given content type; server-side apply creates the object when absent.</summary>
    public (JsonObject Value, bool Created) Patch(ResourceDefinition definition, string? ns, string name, string? subresource, string contentType, JsonNode? patch, WriteOptions options) =>
        store.Write(tx =>
        {
            var existing = tx.Get(definition.StorageKey, ns ?? "", name);
            var isApply = contentType.StartsWith("application/apply-patch", StringComparison.Ordinal);
            if (isApply && options.FieldManager.Length == 0)
            {
                throw new ApiException(422, "Invalid", "PATCH, fieldManager: Required value: is required for apply patch");
            }

            if (existing is null)
            {
                if (isApply && subresource is null && patch is JsonObject applied)
                {
                    return (Create(tx, definition, ns, applied, options, "Apply"), true);
                }

                throw StatusObjects.NotFound(definition, name);
            }

            var current = ObjectPresenter.Present(existing, definition);
            JsonNode? patched = contentType switch
            {
                _ when contentType.StartsWith("application/merge-patch+json", StringComparison.Ordinal) => JsonMergePatch.Apply(current, patch),
                _ when contentType.StartsWith("application/json-patch+json", StringComparison.Ordinal) => JsonPatch.Apply(current, patch),
                _ when contentType.StartsWith("application/strategic-merge-patch+json", StringComparison.Ordinal) && !definition.IsCustom =>
                    StrategicMergePatch.Apply(current, patch),
                _ when isApply => ServerSideApply.Apply(current, patch),
                _ => throw StatusObjects.UnsupportedMediaType(contentType),
            };
            if (patched is not JsonObject patchedObject)
            {
                throw StatusObjects.BadRequest("the patch does not result in an object");
            }

            var replaced = Replace(tx, definition, existing, ObjectPresenter.ToStored(patchedObject, definition), subresource, options, isApply ? "Apply" : "Update", fromPatch: true);
            return (replaced, false);
        });

    /// <summary>
    /// Deletes the object, or marks it deleting (deletionTimestamp) while finalizers remain.
    /// </summary>
    /// <returns>The object's last state and whether it is gone.</returns>
    public (JsonObject Value, bool Gone) Delete(ResourceDefinition definition, string? ns, string name, JsonObject? deleteOptions) =>
        store.Write(tx =>
        {
            var existing = tx.Get(definition.StorageKey, ns ?? "", name) ?? throw StatusObjects.NotFound(definition, name);
            var preconditions = deleteOptions?["preconditions"];
            var uid = preconditions?["uid"]?.GetValue<string>();
            if (uid is not null && uid != existing.Uid)
            {
                throw new ApiException(409, "Conflict", $"Operation cannot be fulfilled on {definition.GroupResource} \"{name}\": Precondition failed: UID in precondition: {uid}, UID in object meta: {existing.Uid}");
            }

            var rv = preconditions?["resourceVersion"]?.GetValue<string>();
            if (rv is not null && rv != existing.ResourceVersion.ToString(CultureInfo.InvariantCulture))
            {
                throw new ApiException(409, "Conflict", $"Operation cannot be fulfilled on {definition.GroupResource} \"{name}\": Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {existing.ResourceVersion}");
            }

            if (deleteOptions?["dryRun"] is JsonArray { Count: > 0 })
            {
                return (existing.ToNode(), false);
            }

            return DeleteStored(tx, definition, existing, DeletionPropagation.Read(deleteOptions));
        });

    /// <summary>Deletes (or marks deleting) every object of the collection that <paramref name="matches"/> accepts.</summary>
    /// <returns>How many objects matched.</returns>
    public int DeleteCollection(ResourceDefinition definition, string? ns, Func<StoredObject, bool> matches, JsonObject? deleteOptions = null) =>
        store.Write(tx =>
        {
            var policy = DeletionPropagation.Read(deleteOptions);
            var matching = tx.All(definition.StorageKey).Where(i => (ns is null || i.Namespace == ns) && matches(i)).ToList();
            foreach (var item in matching)
            {
                DeleteStored(tx, definition, item, policy);
            }

            return matching.Count;
        });

    private JsonObject Create(ObjectStore.StoreTransaction tx, ResourceDefinition definition, string? ns, JsonObject body, WriteOptions options, string operation = "Update")
    {
        RequestChecks.CheckKind(definition, body);
        if (definition.View == ObjectView.EventsV1)
        {
            EventValidation.ValidateCreate(body, definition);
        }

        var written = (JsonObject)body.DeepClone();
        var value = ObjectPresenter.ToStored((JsonObject)body.DeepClone(), definition);
        var metadata = value["metadata"] as JsonObject ?? [];
        value["metadata"] = metadata;
        var name = metadata["name"]?.GetValue<string>() ?? "";
        if (name.Length == 0 && metadata["generateName"]?.GetValue<string>() is { Length: > 0 } prefix)
        {
            name = prefix + new string(Enumerable.Range(0, 5).Select(_ => NameAlphabet[RandomNumberGenerator.GetInt32(NameAlphabet.Length)]).ToArray());
            metadata["name"] = name;
        }

        if (name.Length == 0)
        {
            throw StatusObjects.Invalid(definition, "", [new("FieldValueRequired", "metadata.name", "Required value: name or generateName is required")]);
        }

        if (definition.Group == RbacNames.Group)
        {
            if (RbacNames.Problem(name) is { } problem)
            {
                throw StatusObjects.Invalid(definition, name, [new("FieldValueInvalid", "metadata.name", $"Invalid value: \"{name}\": {problem}")]);
            }
        }
        else if (!ObjectRules.IsDnsSubdomain(name))
        {
            throw StatusObjects.Invalid(definition, name, [new("FieldValueInvalid", "metadata.name", $"Invalid value: \"{name}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')")]);
        }

        SetNamespace(tx, definition, ns, metadata);
        if (tx.Get(definition.StorageKey, metadata["namespace"]?.GetValue<string>() ?? "", name) is not null)
        {
            throw StatusObjects.AlreadyExists(definition, name);
        }

        if (definition.HasStatusSubresource && definition.IsCustom)
        {
            value.Remove("status");
        }

        foreach (var field in new[] { "uid", "resourceVersion", "deletionTimestamp", "deletionGracePeriodSeconds", "managedFields", "generation" })
        {
            metadata.Remove(field);
        }

        metadata["uid"] = Guid.NewGuid().ToString();
        metadata["creationTimestamp"] = Now();
        if (definition.TracksGeneration)
        {
            metadata["generation"] = 1;
        }

        ValidateAndDefault(definition, value, null, options);
        BuiltInDefaults.Apply(definition, value, null, Now());
        ManagedFields.Record(value, written, options.FieldManager, operation, definition.ApiVersion, Now());
        if (options.DryRun)
        {
            return value;
        }

        var stored = tx.Put(definition.StorageKey, value);
        AfterWrite(definition, value);
        return stored.ToNode();
    }

    /// <summary>
    /// Stores a change the server itself makes (the garbage collector's removal of finalizers or owner
    /// references): the object is removed when it is deleting and no finalizer remains.
    /// </summary>
    internal void WriteByServer(ObjectStore.StoreTransaction tx, ResourceDefinition definition, JsonObject value)
    {
        if (value["metadata"]?["deletionTimestamp"] is not null && ObjectRules.Finalizers(value).Count == 0)
        {
            tx.Remove(definition.StorageKey, value);
            AfterDelete(tx, definition, value);
            collection.Poke();
            return;
        }

        tx.Put(definition.StorageKey, value);
    }

    private JsonObject Replace(
        ObjectStore.StoreTransaction tx,
        ResourceDefinition definition,
        StoredObject existing,
        JsonObject incoming,
        string? subresource,
        WriteOptions options,
        string operation,
        bool fromPatch)
    {
        if (subresource is not null && !(subresource == "status" && definition.HasStatusSubresource))
        {
            throw StatusObjects.NotFound(definition, existing.Name);
        }

        RequestChecks.CheckMetadataTypes(incoming);
        var old = existing.ToNode();
        var written = (JsonObject)incoming.DeepClone();
        var metadata = incoming["metadata"] as JsonObject ?? [];
        var givenVersion = metadata["resourceVersion"]?.GetValue<string>();
        if (!string.IsNullOrEmpty(givenVersion) && givenVersion != existing.ResourceVersion.ToString(CultureInfo.InvariantCulture))
        {
            throw StatusObjects.Conflict(definition, existing.Name);
        }

        if (string.IsNullOrEmpty(givenVersion) && definition.RequiresResourceVersionOnUpdate && !fromPatch)
        {
            throw StatusObjects.Invalid(definition, existing.Name, [new("FieldValueInvalid", "metadata.resourceVersion", "Invalid value: 0x0: must be specified for an update")]);
        }

        JsonObject result;
        if (subresource == "status")
        {
            result = (JsonObject)old.DeepClone();
            SetOrRemove(result, "status", incoming["status"]);
            if (metadata["managedFields"] is { } managed)
            {
                ((JsonObject)result["metadata"]!)["managedFields"] = managed.DeepClone();
            }
        }
        else
        {
            result = incoming;
            result["metadata"] = metadata;
            if (definition.HasStatusSubresource)
            {
                SetOrRemove(result, "status", old["status"]);
            }

            var oldMetadata = (JsonObject)old["metadata"]!;
            foreach (var field in new[] { "name", "namespace", "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation" })
            {
                SetOrRemove(metadata, field, oldMetadata[field]);
            }

            if (oldMetadata["deletionTimestamp"] is not null)
            {
                var added = ObjectRules.Finalizers(result).Except(ObjectRules.Finalizers(old)).ToList();
                if (added.Count > 0)
                {
                    var list = string.Join(", ", added.Select(f => $"\"{f}\""));
                    throw StatusObjects.Invalid(definition, existing.Name, [new("FieldValueForbidden", "metadata.finalizers", $"Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{{{list}}}")]);
                }
            }
        }

        ValidateAndDefault(definition, result, old, options);
        BuiltInDefaults.Apply(definition, result, old, Now());
        if (definition.TracksGeneration && !JsonNode.DeepEquals(ObjectRules.SpecPart(result), ObjectRules.SpecPart(old)))
        {
            var generation = old["metadata"]?["generation"]?.GetValue<long>() ?? 0;
            ((JsonObject)result["metadata"]!)["generation"] = generation + 1;
        }

        ((JsonObject)result["metadata"]!)["resourceVersion"] = existing.ResourceVersion.ToString(CultureInfo.InvariantCulture);
        if (ObjectRules.SameContent(result, old))
        {
            return old;
        }

        ManagedFields.Record(result, written, options.FieldManager, operation, definition.ApiVersion, Now(), subresource);
        if (options.DryRun)
        {
            return result;
        }

        if (result["metadata"]?["deletionTimestamp"] is not null && ObjectRules.Finalizers(result).Count == 0)
        {
            tx.Remove(definition.StorageKey, result);
            AfterDelete(tx, definition, result);
            collection.Poke();
            return result;
        }

        var stored = tx.Put(definition.StorageKey, result);
        AfterWrite(definition, result);
        return stored.ToNode();
    }

    /// <summary>
    /// Deletes the object, or marks it deleting while finalizers remain; Foreground and Orphan add the
    /// <c>foregroundDeletion</c> or <c>orphan</c> finalizer, which the garbage collector removes when done.
    /// </summary>
    internal (JsonObject Value, bool Gone) DeleteStored(ObjectStore.StoreTransaction tx, ResourceDefinition definition, StoredObject existing, string policy)
    {
        var value = existing.ToNode();
        var metadata = (JsonObject)value["metadata"]!;
        collection.Poke();
        if (DeletionPropagation.Finalizer(policy) is { } finalizer && metadata["deletionTimestamp"] is null && !ObjectRules.Finalizers(value).Contains(finalizer))
        {
            var finalizers = metadata["finalizers"] as JsonArray ?? [];
            finalizers.Add(finalizer);
            metadata["finalizers"] = finalizers;
        }
        if (ObjectRules.Finalizers(value).Count > 0)
        {
            if (metadata["deletionTimestamp"] is not null)
            {
                return (value, false);
            }

            metadata["deletionTimestamp"] = Now();
            metadata["deletionGracePeriodSeconds"] = 0;
            if (definition.TracksGeneration)
            {
                metadata["generation"] = (metadata["generation"]?.GetValue<long>() ?? 0) + 1;
            }

            return (tx.Put(definition.StorageKey, value).ToNode(), false);
        }

        if (definition.StorageKey == BuiltInResources.Namespaces.StorageKey)
        {
            foreach (var resource in registry.All.Where(d => d.Namespaced).DistinctBy(d => d.StorageKey))
            {
                foreach (var item in tx.All(resource.StorageKey).Where(i => i.Namespace == existing.Name))
                {
                    var final = item.ToNode();
                    tx.Remove(resource.StorageKey, final);
                }
            }
        }

        var removed = tx.Remove(definition.StorageKey, value);
        AfterDelete(tx, definition, value);
        return (removed.ToNode(), true);
    }

    private static void SetNamespace(ObjectStore.StoreTransaction tx, ResourceDefinition definition, string? ns, JsonObject metadata)
    {
        if (!definition.Namespaced)
        {
            metadata.Remove("namespace");
            return;
        }

        var given = metadata["namespace"]?.GetValue<string>();
        if (string.IsNullOrEmpty(ns))
        {
            throw StatusObjects.BadRequest("the server could not find the requested resource: a namespaced object must be created in a namespace");
        }

        if (!string.IsNullOrEmpty(given) && given != ns)
        {
            throw StatusObjects.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        if (tx.Get(BuiltInResources.Namespaces.StorageKey, "", ns) is null)
        {
            throw StatusObjects.NamespaceNotFound(ns);
        }

        metadata["namespace"] = ns;
    }

    private static void ValidateAndDefault(ResourceDefinition definition, JsonObject value, JsonObject? old, WriteOptions options)
    {
        if (definition.Model is not null)
        {
            ReportUnknownFields(definition, BuiltInFields.PruneUnknown(value, definition.Model), options);
            return;
        }

        if (definition.Schema is null)
        {
            return;
        }

        var outcome = SchemaValidator.Apply(value, definition.Schema);
        ReportUnknownFields(definition, outcome.PrunedFields, options);
        if (definition.Validations is { } rules)
        {
            RuleEvaluator.Validate(rules, value, old, outcome.Causes);
        }

        SchemaValidator.ThrowIfInvalid(outcome, definition, value["metadata"]?["name"]?.GetValue<string>() ?? "");
    }

    /// <summary>Strict refuses unknown (already pruned) fields, Warn reports them in Warning headers, Ignore drops them silently.</summary>
    private static void ReportUnknownFields(ResourceDefinition definition, IReadOnlyList<string> prunedFields, WriteOptions options)
    {
        if (prunedFields.Count == 0)
        {
            return;
        }

        var unknown = prunedFields.Select(f => $"unknown field \"{f}\"").ToList();
        if (options.FieldValidation == "Strict")
        {
            throw StatusObjects.BadRequest($"{definition.Kind} in version \"{definition.Version}\" cannot be handled as a {definition.Kind}: strict decoding error: {string.Join(", ", unknown)}");
        }

        if (options.FieldValidation == "Warn")
        {
            options.Warnings.AddRange(unknown);
        }
    }

    private void AfterWrite(ResourceDefinition definition, JsonObject value)
    {
        if (value["metadata"]?["ownerReferences"] is JsonArray { Count: > 0 } || value["metadata"]?["deletionTimestamp"] is not null)
        {
            collection.Poke();
        }

        if (definition.StorageKey == BuiltInResources.CustomResourceDefinitions.StorageKey)
        {
            registry.SetCustomResources(value["metadata"]!["name"]!.GetValue<string>(), CustomResourceDefinitions.Read(value));
        }
    }

    private void AfterDelete(ObjectStore.StoreTransaction tx, ResourceDefinition definition, JsonObject value)
    {
        if (definition.StorageKey != BuiltInResources.CustomResourceDefinitions.StorageKey)
        {
            return;
        }

        var name = value["metadata"]!["name"]!.GetValue<string>();
        foreach (var item in tx.All(name))
        {
            tx.Remove(name, item.ToNode());
        }

        registry.RemoveCustomResources(name);
    }

    private static void SetOrRemove(JsonObject target, string name, JsonNode? value)
    {
        if (value is null)
        {
            target.Remove(name);
        }
        else
        {
            target[name] = value.DeepClone();
        }
    }
}
