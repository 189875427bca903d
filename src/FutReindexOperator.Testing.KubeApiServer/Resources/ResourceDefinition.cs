using System.Text.Json.Nodes;

namespace FutReindexOperator.Testing.KubeApiServer.Resources;

/// <summary>One resource served under one group version: what discovery lists and requests are routed by.</summary>
public sealed record ResourceDefinition
{
    public static readonly IReadOnlyList<string> StandardVerbs =
        ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    /// <summary>The API group; empty for the core group.</summary>
    public required string Group { get; init; }

    public required string Version { get; init; }

    public required string Plural { get; init; }

    public required string Singular { get; init; }

    public required string Kind { get; init; }

    public required bool Namespaced { get; init; }

    public IReadOnlyList<string> ShortNames { get; init; } = [];

    public IReadOnlyList<string> Categories { get; init; } = [];

    public IReadOnlyList<string> Verbs { get; init; } = StandardVerbs;

    /// <summary>Whether the <c>/status</c> subresource exists and the main endpoint ignores status.</summary>
    public bool HasStatusSubresource { get; init; }

    /// <summary>The CRD version's <c>openAPIV3Schema</c>; only custom resources have one.</summary>
    public JsonObject? Schema { get; init; }

    /// <summary>
    /// The KubernetesClient model of a built-in kind's stored form, whose fields are the ones the server knows;
    /// null for custom resources (their <see cref="Schema"/> decides).
    /// </summary>
    public Type? Model { get; init; }

    /// <summary>The compiled <c>x-kubernetes-validations</c> rules of the schema; null when it has none.</summary>
    internal Cel.SchemaRules? Validations { get; init; }

    public IReadOnlyList<PrinterColumn> PrinterColumns { get; init; } = [];

    /// <summary>Whether the resource comes from a CustomResourceDefinition.</summary>
    public bool IsCustom { get; init; }

    /// <summary>Whether the server bumps <c>metadata.generation</c> on changes outside metadata and status.</summary>
    public bool TracksGeneration { get; init; }

    /// <summary>Whether a PUT without <c>metadata.resourceVersion</c> is refused (custom resources).</summary>
    public bool RequiresResourceVersionOnUpdate { get; init; }

    /// <summary>Whether DELETE answers with the deleted object rather than a success <c>Status</c>.</summary>
    public bool ReturnsDeletedObject { get; init; }

    public ObjectView View { get; init; } = ObjectView.Native;

    /// <summary>Objects of all definitions with the same key live in one store (one group resource).</summary>
    public string StorageKey { get; init; } = "";

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary><c>plural.group</c>, or the plural alone for the core group, as error messages name resources.</summary>
    public string GroupResource => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    public string ListKind => Kind + "List";

    /// <summary>The URL path of the collection, for example <c>/apis/g/v1/namespaces/ns/things</c>.</summary>
    public string CollectionPath(string? ns)
    {
        var root = Group.Length == 0 ? "/api/v1" : $"/apis/{Group}/{Version}";
        return Namespaced && !string.IsNullOrEmpty(ns) ? $"{root}/namespaces/{ns}/{Plural}" : $"{root}/{Plural}";
    }
}
