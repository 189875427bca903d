using FutReindexOperator.Testing.KubeApiServer.Auth;
using Microsoft.Extensions.Primitives;

namespace FutReindexOperator.Testing.KubeApiServer.Authorization;

/// <summary>
/// What a request asks to do, in the terms RBAC decides on (kube-apiserver's <c>RequestInfo</c> and authorizer
/// attributes). Parsed from the URL's shape alone, so a request for a resource that is not served is still a resource
/// request (and gets a 403 rather than a 404 when forbidden).
/// </summary>
/// <param name="User">Who asks.</param>
/// <param name="Verb">A Kubernetes verb (<c>get</c>, <c>list</c>, <c>watch</c>, <c>create</c>, ...) or, for non-resource requests, the lower-case HTTP method.</param>
/// <param name="IsResourceRequest">Whether the path addresses a resource under <c>/api/VERSION</c> or <c>/apis/GROUP/VERSION</c>.</param>
/// <param name="Path">The URL path.</param>
public sealed record RequestAttributes(UserInfo User, string Verb, bool IsResourceRequest, string Path)
{
    /// <summary>Empty for the core group.</summary>
    public string ApiGroup { get; init; } = "";

    public string ApiVersion { get; init; } = "";

    /// <summary>The plural resource, for example <c>reindexjobs</c>.</summary>
    public string Resource { get; init; } = "";

    public string Subresource { get; init; } = "";

    /// <summary>Empty for cluster-scoped and all-namespace requests; for a Namespace itself, its name.</summary>
    public string Namespace { get; init; } = "";

    /// <summary>Empty for collections and creates (unless a list selects one name with <c>fieldSelector=metadata.name=</c>).</summary>
    public string Name { get; init; } = "";

    /// <summary>Parses the request as kube-apiserver's request info factory does.</summary>
    public static RequestAttributes Parse(UserInfo user, string method, string path, IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var nonResource = new RequestAttributes(user, method.ToLowerInvariant(), false, path);
        var parts = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 3 || parts[0] is not ("api" or "apis"))
        {
            return nonResource;
        }

        var group = "";
        var rest = parts.AsSpan(1);
        if (parts[0] == "apis")
        {
            if (rest.Length < 3)
            {
                return nonResource;
            }

            group = rest[0];
            rest = rest[1..];
        }

        var version = rest[0];
        rest = rest[1..];
        string verb;
        if (rest[0] == "watch" && rest.Length >= 2)
        {
            verb = "watch";
            rest = rest[1..];
        }
        else
        {
            verb = method switch
            {
                "POST" => "create",
                "GET" or "HEAD" => "get",
                "PUT" => "update",
                "PATCH" => "patch",
                "DELETE" => "delete",
                _ => "",
            };
        }

        var ns = "";
        if (rest[0] == "namespaces")
        {
            if (rest.Length > 1)
            {
                ns = rest[1];
                if (rest.Length > 2 && rest[2] is not ("status" or "finalize"))
                {
                    rest = rest[2..];
                }
            }
        }

        var name = rest.Length >= 2 ? rest[1] : "";
        if (name.Length == 0 && verb == "get")
        {
            verb = ParseBool(query["watch"]) ? "watch" : "list";
            name = SelectedName(query["fieldSelector"]);
        }

        if (name.Length == 0 && verb == "delete")
        {
            verb = "deletecollection";
        }

        return new RequestAttributes(user, verb, true, path)
        {
            ApiGroup = group,
            ApiVersion = version,
            Resource = rest[0],
            Subresource = rest.Length >= 3 ? rest[2] : "",
            Namespace = ns,
            Name = name,
        };
    }

    /// <summary>The name a field selector requires exactly (<c>metadata.name=x</c> or <c>==</c>), as a list of one object is authorized by name.</summary>
    private static string SelectedName(StringValues fieldSelector)
    {
        var selector = fieldSelector.ToString();
        if (selector.Length == 0)
        {
            return "";
        }

        foreach (var term in selector.Split(','))
        {
            var equals = term.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || term[equals - 1] == '!')
            {
                continue;
            }

            var field = term[..equals].Trim();
            var value = term[(equals + 1)..].TrimStart('=').Trim();
            if (field == "metadata.name" && value.Length > 0 && !value.Contains('/', StringComparison.Ordinal) && value is not ("." or ".."))
            {
                return value;
            }
        }

        return "";
    }

    /// <summary>Go's <c>strconv.ParseBool</c> truth values, as kube-apiserver decodes <c>watch</c>.</summary>
    private static bool ParseBool(StringValues value) => value.ToString() is "1" or "t" or "T" or "true" or "TRUE" or "True";
}
