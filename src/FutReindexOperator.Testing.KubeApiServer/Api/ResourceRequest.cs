using FutReindexOperator.Testing.KubeApiServer.Resources;

namespace FutReindexOperator.Testing.KubeApiServer.Api;

/// <summary>A request for a resource, its collection or a subresource, parsed from the URL path.</summary>
/// <param name="Definition">The resource addressed.</param>
/// <param name="Namespace">The namespace in the path, or null for cluster-wide requests.</param>
/// <param name="Name">The object's name, or null for collection requests.</param>
/// <param name="Subresource">For example <c>status</c>, or null.</param>
public sealed record ResourceRequest(ResourceDefinition Definition, string? Namespace, string? Name, string? Subresource)
{
    /// <summary>
    /// Parses <c>/api/v1/...</c> and <c>/apis/{group}/{version}/...</c> resource paths; null when the path
    /// names no served resource.
    /// </summary>
    public static ResourceRequest? Parse(string path, ResourceRegistry registry)
    {
        var segments = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        string group;
        int rest;
        if (segments.Length >= 3 && segments[0] == "api")
        {
            group = "";
            rest = 2;
        }
        else if (segments.Length >= 4 && segments[0] == "apis")
        {
            group = segments[1];
            rest = 3;
        }
        else
        {
            return null;
        }

        var version = segments[rest - 1];
        var tail = segments[rest..];
        if (tail.Length >= 3 && tail[0] == "namespaces" && registry.Find(group, version, tail[2]) is { Namespaced: true } namespaced)
        {
            return tail.Length > 5 ? null : new ResourceRequest(namespaced, tail[1], tail.ElementAtOrDefault(3), tail.ElementAtOrDefault(4));
        }

        if (tail.Length > 3 || registry.Find(group, version, tail[0]) is not { } definition)
        {
            return null;
        }

        return new ResourceRequest(definition, null, tail.ElementAtOrDefault(1), tail.ElementAtOrDefault(2));
    }

    /// <summary>The Kubernetes verb of an HTTP method on this request.</summary>
    public string Verb(string method, bool watch) => method switch
    {
        "GET" when watch => "watch",
        "GET" => Name is null ? "list" : "get",
        "POST" => "create",
        "PUT" => "update",
        "PATCH" => "patch",
        "DELETE" => Name is null ? "deletecollection" : "delete",
        _ => method.ToLowerInvariant(),
    };
}
